using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>The data of the agreements these tests start (the same resident as the end-to-end tests' form).</summary>
public static class Samples
{
    public const string ResidentName = "Karin Testesen";
    public const string ResidentEmail = "karin.testesen@example.dk";
    public const string CaseworkerEmail = "soeren.sagsbehandler@kommune.example.dk";
    public const string Supervisor1 = "tilsyn1@mobilitet.example.dk";
    public const string Supervisor2 = "tilsyn2@mobilitet.example.dk";
    public const string FinanceApprover = "finansiering@mobilitet.example.dk";

    /// <summary>20 % self-supporting, 200 000 kr. resource draw, 30 000 kr. taxes: 20 000 kr. is approved automatically, 50 000 kr. is not.</summary>
    public static IndicatorValues Baseline { get; } = new(0.2m, 200_000m, 30_000m);

    /// <summary>Values on track at every milestone of <see cref="Baseline"/>.</summary>
    public static IndicatorValues OnTrack { get; } = new(0.5m, 150_000m, 60_000m);

    /// <summary>Below every milestone's threshold: less self-supporting and a larger resource draw than the baseline.</summary>
    public static IndicatorValues Below { get; } = new(0.05m, 260_000m, 20_000m);

    public static AgreementPersonalData PersonalData() => new(
        new Resident("0101901234", ResidentName, ResidentEmail, "+4512345678"),
        new Caseworker("Søren Sagsbehandler", CaseworkerEmail),
        [Supervisor1, Supervisor2],
        "Indskud og flytning");

    /// <summary>An agreement in Aarhus out of Gellerupparken, 20 000 kr. requested, two supervisors, never changed yet.</summary>
    public static AgreementRecord Agreement(string id, AgreementStatus status, DateTimeOffset createdAt, TimeSpan day, DateOnly plannedMoveDate) => new()
    {
        AgreementId = id,
        MunicipalityCode = "0751",
        HousingAssociation = "Brabrand Boligforening",
        Direction = MoveDirection.Out,
        FromArea = "Gellerupparken",
        PlannedMoveDate = plannedMoveDate,
        PolicyName = "standard-v1",
        Status = status,
        CreatedAt = createdAt,
        LastChangedAt = DateTimeOffset.UnixEpoch,
        DayLength = day,
        Baseline = Baseline,
        RequestedDkk = 20_000m,
        SupervisorLevels = 2,
    };
}
