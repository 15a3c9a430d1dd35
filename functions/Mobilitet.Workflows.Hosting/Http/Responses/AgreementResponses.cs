namespace Mobilitet.Workflows.Hosting.Http.Responses;

/// <summary>201 body of POST /agreements and 202 body of every step.</summary>
public sealed record AgreementAccepted(string AgreementId, string Status);

/// <summary>
/// GET /agreements/{id}/status: where the agreement stands, from its row alone (what a client polls after a step).
/// <paramref name="LastChangedAt"/> moves with every change of the row, so a client can tell a new state from one it saw.
/// </summary>
public sealed record AgreementStatusDetails(
    string AgreementId,
    string Status,
    DateTimeOffset LastChangedAt,
    DateTimeOffset? NextDueAt,
    DateTimeOffset? EndedAt);

/// <summary>GET /agreements/{id}: the read model of one agreement, without personal data.</summary>
public sealed record AgreementDetails(
    string AgreementId,
    string Status,
    string Policy,
    string MunicipalityCode,
    string Municipality,
    string HousingAssociation,
    string Direction,
    string FromArea,
    string? ToArea,
    DateOnly PlannedMoveDate,
    DateOnly? MovedOn,
    DateTimeOffset CreatedAt,
    FinancingDetails Financing,
    IReadOnlyList<MeasurementDetails> Measurements,
    IReadOnlyList<EscalationDetails> Escalations,
    IReadOnlyList<TimelineDetails> Timeline)
{
    /// <summary>When the agreement ended (its final status); null while it runs.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When its personal data was erased for good (retention period run out, or after a withdrawal); null while kept.</summary>
    public DateTimeOffset? PersonalDataErasedAt { get; init; }
}

/// <param name="Instrument">The financing instrument the agreement is pinned to (InstrumentCatalog).</param>
public sealed record FinancingDetails(decimal RequestedDkk, decimal? ApprovedDkk, string? Route, string Instrument)
{
    /// <summary>What the financing settled to when the agreement ended after its move; null until then.</summary>
    public SettlementDetails? Settlement { get; init; }
}

/// <param name="ReportPath">The settlement report's page (null once erased with the agreement's documents after a withdrawal).</param>
public sealed record SettlementDetails(int MonthsSettled, decimal RealisedGainDkk, decimal OutcomePaymentDkk, decimal WrittenOffDkk, DateTimeOffset SettledAt, string? ReportPath);

public sealed record MeasurementDetails(
    string Milestone,
    decimal? SelfSufficiencyRate,
    decimal? ResourceDrawDkk,
    decimal? NetContributionDkk,
    int? WellBeingScore,
    string Outcome,
    IReadOnlyList<string> Breaches,
    DateTimeOffset MeasuredAt,
    Measurements.IndicatorProvenance? Source)
{
    /// <summary>For an extra measurement an "extend monitoring" decision scheduled: its months after the milestone; null for the milestone's own.</summary>
    public int? ExtensionMonths { get; init; }

    /// <summary>"M3", or "M3+6" for an extra measurement: what tells the two apart.</summary>
    public string Label { get; init; } = Milestone;
}

public sealed record EscalationDetails(
    string EscalationId,
    string Reason,
    string Subject,
    int Level,
    string Status,
    string? Decision,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    DateTimeOffset RaisedAt);

public sealed record TimelineDetails(DateTimeOffset At, string Kind, string Actor, string? Detail);

/// <summary>One row of GET /agreements.</summary>
public sealed record AgreementSummary(
    string AgreementId,
    string Status,
    string Policy,
    string MunicipalityCode,
    string Municipality,
    string HousingAssociation,
    string Direction,
    DateOnly PlannedMoveDate,
    DateOnly? MovedOn,
    DateTimeOffset CreatedAt);

/// <summary>GET /agreements/{id}/personal-data: shown to the agreement's caseworkers only; the CPR masked.</summary>
public sealed record PersonalDataDetails(
    string AgreementId,
    ResidentDetails? Resident,
    CaseworkerDetails? Caseworker,
    IReadOnlyList<string> Supervisors,
    string? FinancingPurpose,
    string? StopReason,
    string? FinancingDecisionReason,
    IReadOnlyList<EscalationNote> EscalationNotes)
{
    /// <summary>The resident's comments from their well-being check-ins (standard-v2), by milestone.</summary>
    public IReadOnlyList<CheckInComment> CheckInComments { get; init; } = [];
}

public sealed record CheckInComment(string Milestone, string Comment);

public sealed record ResidentDetails(string Cpr, string Name, string? Email, string? Phone);

public sealed record CaseworkerDetails(string Name, string Email);

public sealed record EscalationNote(string EscalationId, string Note);
