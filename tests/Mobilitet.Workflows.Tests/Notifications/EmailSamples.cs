using Microsoft.AspNetCore.DataProtection;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Hosting.DecisionLinks;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.WellBeing;

namespace Mobilitet.Workflows.Tests.Notifications;

/// <summary>One agreement and its parties for the email tests, and a composer with the real templates.</summary>
internal static class EmailSamples
{
    public const string ResidentCpr = "0101901234";

    /// <summary>The person-key secret recipient keys derive from.</summary>
    public static readonly PersonKeyOptions Secret = new() { PersonKeySecret = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()) };

    private static readonly EphemeralDataProtectionProvider Protection = new();

    public static readonly AgreementRecord Agreement = new()
    {
        AgreementId = "fa-0123456789abcdef0123",
        MunicipalityCode = "0751",
        HousingAssociation = "Brabrand Boligforening",
        Direction = MoveDirection.Out,
        FromArea = "Gellerupparken",
        PlannedMoveDate = new DateOnly(2027, 1, 15),
        MovedOn = new DateOnly(2027, 1, 20),
        PolicyName = "standard-v2",
        Status = AgreementStatus.Monitoring,
        CreatedAt = DateTimeOffset.UnixEpoch,
        LastChangedAt = DateTimeOffset.UnixEpoch,
        DayLength = TimeSpan.FromDays(1),
        Baseline = new IndicatorValues(0.2m, 200_000m, 30_000m),
        RequestedDkk = 50_000m,
        SupervisorLevels = 2,
    };

    public static readonly AgreementPersonalData Parties = new(
        new Resident(ResidentCpr, "Karin <b>Testesen</b>", "karin@example.dk", "29471183"),
        new Caseworker("Søren Sagsbehandler", "soeren@kommune.example.dk"),
        ["tilsyn1@example.dk", "tilsyn2@example.dk"],
        "Indskud");

    /// <summary>A composer whose links start at <paramref name="address"/> (default https://mobilitet.example.dk).</summary>
    public static NotificationComposer Composer(IPublicBaseAddress? address = null) => new(
        new NotificationOptions { FinanceApproverEmail = "finans@example.dk" },
        new NotificationLinks(address ?? Site, DecisionLinks(address ?? Site)),
        EmailTemplatesForTests.Instance,
        new FixedCheckInLinks());

    /// <summary>Decision links as the composer's make them (one key ring for every test here), to read a link back.</summary>
    public static ProtectedDecisionLinks DecisionLinks(IPublicBaseAddress? address = null) => new(Protection, address ?? Site, new RecipientKeys(Secret));

    private static readonly FixedPublicBaseAddress Site = new(new Uri("https://mobilitet.example.dk"));

    private sealed class FixedCheckInLinks : ICheckInLinks
    {
        public ValueTask<Uri> CreateAsync(string agreementId, Milestone milestone, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new Uri($"https://mobilitet.example.dk/trivsel?token=fixed-{milestone}"));
    }
}
