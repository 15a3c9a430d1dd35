using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>Test data with every field set to something a round trip could get wrong.</summary>
internal static class Samples
{
    public const string Copenhagen = "0101";
    public const string Aarhus = "0751";

    public static readonly DateTimeOffset Created = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.FromHours(1));

    public static AgreementRecord Agreement(string? municipality = null, AgreementStatus status = AgreementStatus.AwaitingConsent) => new()
    {
        AgreementId = AgreementIds.New(),
        MunicipalityCode = municipality ?? Copenhagen,
        HousingAssociation = "Boligselskabet Æblehaven (afd. 7/3)",
        Direction = MoveDirection.Out,
        FromArea = "Mjølnerparken",
        ToArea = "Valby #2?",
        PlannedMoveDate = new DateOnly(2025, 6, 1),
        MovedOn = new DateOnly(2025, 6, 3),
        PolicyName = "standard-2025",
        Status = status,
        CreatedAt = Created,
        LastChangedAt = Created,
        DayLength = TimeSpan.FromTicks(TimeSpan.TicksPerSecond + 7),
        Baseline = new IndicatorValues(0.4230769230769230769230769231m, 187_654.32m, 12_345.678901234567890123m),
        RequestedDkk = 250_000.10m,
        ApprovedDkk = 249_999.99m,
        FinancingRoute = Agreements.FinancingRoute.ApprovedByApprover,
        InstrumentName = "outcome-contract-v1",
        SupervisorLevels = 2,
        CaseworkerId = "5f0c6a0e-7d4b-4c53-9d0e-3b1f1c2a9e77",
        NextMilestoneAt = Created.AddDays(95).AddTicks(1),
        OpenTaskCount = 2,
        EarliestTaskDueAt = Created.AddDays(12).AddTicks(7),
    };

    /// <summary>An agreement with every optional field empty.</summary>
    public static AgreementRecord BareAgreement(string? municipality = null) => Agreement(municipality) with
    {
        ToArea = null,
        MovedOn = null,
        Baseline = null,
        ApprovedDkk = null,
        FinancingRoute = null,
        InstrumentName = null,
        CaseworkerId = null,
        NextMilestoneAt = null,
        OpenTaskCount = 0,
        EarliestTaskDueAt = null,
    };

    /// <summary>A task of the given kind, due <paramref name="dueInDays"/> days after <see cref="Created"/>.</summary>
    public static CaseTask Task(
        string agreementId,
        TaskKind kind = TaskKind.ConsentToRecord,
        double dueInDays = 30,
        string? municipality = null,
        Milestone? milestone = null,
        string? escalationId = null) => new()
    {
        AgreementId = agreementId,
        MunicipalityCode = municipality ?? Copenhagen,
        Kind = kind,
        Role = kind.Role(),
        DueAt = Created.AddDays(dueInDays).AddTicks(3),
        DueDate = DateOnly.FromDateTime(Created.AddDays(dueInDays).UtcDateTime),
        OpenedAt = Created,
        Milestone = milestone,
        EscalationId = escalationId,
        Level = kind == TaskKind.EscalationToDecide ? 1 : null,
    };

    public static CurrentUser User(string role, params string[] municipalities) =>
        new("00000000-0000-0000-0000-0000000000aa", "Test Testesen", new HashSet<string> { role }, new HashSet<string>(municipalities));

    public static EscalationRecord Escalation(string agreementId, string subject = "m12") => new()
    {
        EscalationId = EscalationIds.For(agreementId, subject),
        AgreementId = agreementId,
        Reason = EscalationReason.IndicatorBelowThreshold,
        Subject = subject,
        Level = 1,
        Status = EscalationStatus.Open,
        RaisedAt = Created.AddDays(400),
        LevelDeadline = Created.AddDays(407),
    };
}
