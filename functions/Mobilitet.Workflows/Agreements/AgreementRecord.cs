using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Agreements;

/// <summary>
/// The read model of one agreement: what lists and searches show. It holds no personal data;
/// names, CPR and contact details live in the <see cref="PersonalData.IPersonalDataVault"/>.
/// </summary>
public sealed record AgreementRecord
{
    public required string AgreementId { get; init; }
    public required string MunicipalityCode { get; init; }
    public required string HousingAssociation { get; init; }
    public required MoveDirection Direction { get; init; }
    public required string FromArea { get; init; }
    public string? ToArea { get; init; }
    public required DateOnly PlannedMoveDate { get; init; }
    public DateOnly? MovedOn { get; init; }
    public required string PolicyName { get; init; }
    public required AgreementStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>The orchestration time of the last workflow change; older changes never overwrite newer ones.</summary>
    public required DateTimeOffset LastChangedAt { get; init; }
    /// <summary>How long one policy day lasts for this agreement (pinned at creation).</summary>
    public required TimeSpan DayLength { get; init; }
    /// <summary>The resident's baseline indicators (12 months before creation); null once erased after a withdrawal.</summary>
    public required IndicatorValues? Baseline { get; init; }
    public required decimal RequestedDkk { get; init; }
    public decimal? ApprovedDkk { get; init; }
    public FinancingRoute? FinancingRoute { get; init; }
    public required int SupervisorLevels { get; init; }
}

public static class AgreementRecordExtensions
{
    public static IndicatorValues RequireBaseline(this AgreementRecord agreement) =>
        agreement.Baseline ?? throw new InvalidOperationException($"The baseline of agreement {agreement.AgreementId} has been erased.");
}
