using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Retention;

/// <summary>
/// What the effect dashboard takes from one milestone's measurement: its outcome and how far the self-sufficiency rate
/// and the annual net contribution moved from the agreement's own baseline. Anonymous: no values of the person, only
/// the differences (and kept after erasure in <see cref="RetainedOutcome"/>).
/// </summary>
/// <param name="SelfSufficiencyChange">The milestone's self-sufficiency rate minus the baseline's (fraction).</param>
/// <param name="NetContributionChangeDkk">The milestone's annual net contribution minus the baseline's (DKK per year).</param>
public sealed record MilestoneChange(Milestone Milestone, MeasurementOutcome Outcome, decimal SelfSufficiencyChange, decimal NetContributionChangeDkk)
{
    /// <summary>The change a milestone measurement shows; null for an extra measurement, or one without values or baseline.</summary>
    public static MilestoneChange? Of(IndicatorValues? baseline, MeasurementRecord measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        return baseline is null || measurement.Values is not { } values || measurement.ExtensionMonths is not null
            ? null
            : new MilestoneChange(
                measurement.Milestone,
                measurement.Outcome,
                values.SelfSufficiencyRate - baseline.SelfSufficiencyRate,
                values.NetContributionDkk - baseline.NetContributionDkk);
    }
}
