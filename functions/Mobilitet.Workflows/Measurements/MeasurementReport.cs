using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Measurements;

/// <summary>
/// The report of one milestone's measurement, kept as JSON beside the agreement (<see cref="Documents.DocumentNames.Measurement"/>)
/// and shown as a Danish page: the window, the numbers and where they came from, the baseline and the thresholds held
/// against them under the pinned policy, and the outcome. A later measurement of the same milestone (late data)
/// replaces it. Erased with the agreement's other documents when consent is withdrawn.
/// </summary>
public sealed record MeasurementReport
{
    public required string AgreementId { get; init; }

    public required Milestone Milestone { get; init; }

    public required string PolicyName { get; init; }

    public required DateOnly WindowStart { get; init; }

    /// <summary>The first day after the window (the day the milestone fell due).</summary>
    public required DateOnly WindowEnd { get; init; }

    public required MeasurementOutcome Outcome { get; init; }

    public required IReadOnlyList<Breach> Breaches { get; init; }

    /// <summary>The measured values; null when the data was missing.</summary>
    public IndicatorValues? Values { get; init; }

    public required IndicatorValues Baseline { get; init; }

    public required decimal MinSelfSufficiencyRate { get; init; }

    public required decimal MaxResourceDrawDkk { get; init; }

    /// <summary>The lowest acceptable check-in score under the pinned policy; null when it has no check-in (standard-v1).</summary>
    public int? MinWellBeingScore { get; init; }

    public IndicatorProvenance? Source { get; init; }

    public required DateTimeOffset MeasuredAt { get; init; }

    public static MeasurementReport Of(
        AgreementRecord agreement, DateOnly movedOn, MeasurementEvaluation evaluation, IndicatorProvenance? source, DateTimeOffset measuredAt, int? minWellBeingScore = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(evaluation);
        var window = IndicatorWindow.For(evaluation.Milestone, movedOn);
        return new MeasurementReport
        {
            AgreementId = agreement.AgreementId,
            Milestone = evaluation.Milestone,
            PolicyName = agreement.PolicyName,
            WindowStart = window.Start,
            WindowEnd = window.End,
            Outcome = evaluation.Outcome,
            Breaches = evaluation.Breaches,
            Values = evaluation.Values,
            Baseline = agreement.RequireBaseline(),
            MinSelfSufficiencyRate = evaluation.MinSelfSufficiencyRate,
            MaxResourceDrawDkk = evaluation.MaxResourceDrawDkk,
            MinWellBeingScore = minWellBeingScore,
            Source = source,
            MeasuredAt = measuredAt,
        };
    }
}
