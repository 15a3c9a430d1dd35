using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Indicators;

/// <summary>The result of holding a milestone's values against the pinned policy.</summary>
public sealed record MeasurementEvaluation(
    Milestone Milestone,
    MeasurementOutcome Outcome,
    IReadOnlyList<Breach> Breaches,
    IndicatorValues? Values,
    decimal MinSelfSufficiencyRate,
    decimal MaxResourceDrawDkk)
{
    /// <summary>
    /// Evaluates <paramref name="observed"/> against <paramref name="rule"/> relative to the agreement's
    /// <paramref name="baseline"/>. A value exactly on a threshold passes. No values: MissingData. With a
    /// <paramref name="minimumWellBeing"/> (policies with a check-in) a score below it is a breach; no score is no breach.
    /// </summary>
    public static MeasurementEvaluation Evaluate(MilestoneRule rule, IndicatorValues baseline, IndicatorValues? observed, int? minimumWellBeing = null)
    {
        var minRate = Math.Clamp(baseline.SelfSufficiencyRate + rule.MinSelfSufficiencyChange, 0m, 1m);
        var maxDraw = baseline.ResourceDrawDkk * rule.MaxResourceDrawFactor;

        if (observed is null)
        {
            return new(rule.Milestone, MeasurementOutcome.MissingData, [], null, minRate, maxDraw);
        }

        List<Breach> breaches = [];
        if (observed.SelfSufficiencyRate < minRate)
        {
            breaches.Add(Breach.SelfSufficiencyBelowMinimum);
        }

        if (observed.ResourceDrawDkk > maxDraw)
        {
            breaches.Add(Breach.ResourceDrawAboveMaximum);
        }

        if (minimumWellBeing is { } minimum && observed.WellBeingScore is { } score && score < minimum)
        {
            breaches.Add(Breach.WellBeingBelowMinimum);
        }

        var outcome = breaches.Count == 0 ? MeasurementOutcome.OnTrack : MeasurementOutcome.BelowThreshold;
        return new(rule.Milestone, outcome, breaches, observed, minRate, maxDraw);
    }
}
