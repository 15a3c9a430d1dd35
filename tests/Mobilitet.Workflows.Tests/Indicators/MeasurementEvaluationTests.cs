using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Tests.Indicators;

public sealed class MeasurementEvaluationTests
{
    private static readonly IndicatorValues Baseline = new(0.40m, 100_000m, 50_000m);

    private static MeasurementEvaluation Evaluate(Milestone milestone, decimal rate, decimal draw) =>
        MeasurementEvaluation.Evaluate(PolicyCatalog.StandardV1.RuleFor(milestone), Baseline, new IndicatorValues(rate, draw, 0m));

    [Theory]
    [InlineData(Milestone.M3, 0.30, 115_000)]   // baseline − 0.10; baseline × 1.15
    [InlineData(Milestone.M12, 0.40, 100_000)]  // baseline; baseline × 1.00
    [InlineData(Milestone.M36, 0.50, 90_000)]   // baseline + 0.10; baseline × 0.90
    public void A_value_exactly_on_the_threshold_passes(Milestone milestone, decimal rate, decimal draw)
    {
        var evaluation = Evaluate(milestone, rate, draw);

        Assert.Equal(MeasurementOutcome.OnTrack, evaluation.Outcome);
        Assert.Empty(evaluation.Breaches);
        Assert.Equal(rate, evaluation.MinSelfSufficiencyRate);
        Assert.Equal(draw, evaluation.MaxResourceDrawDkk);
    }

    [Theory]
    [InlineData(Milestone.M3, 0.29, 115_000, Breach.SelfSufficiencyBelowMinimum)]
    [InlineData(Milestone.M3, 0.30, 115_001, Breach.ResourceDrawAboveMaximum)]
    [InlineData(Milestone.M12, 0.39, 100_000, Breach.SelfSufficiencyBelowMinimum)]
    [InlineData(Milestone.M12, 0.40, 100_000.01, Breach.ResourceDrawAboveMaximum)]
    [InlineData(Milestone.M36, 0.4999, 90_000, Breach.SelfSufficiencyBelowMinimum)]
    [InlineData(Milestone.M36, 0.50, 90_001, Breach.ResourceDrawAboveMaximum)]
    public void Just_past_a_threshold_is_below_threshold_with_its_reason(Milestone milestone, decimal rate, decimal draw, Breach expected)
    {
        var evaluation = Evaluate(milestone, rate, draw);

        Assert.Equal(MeasurementOutcome.BelowThreshold, evaluation.Outcome);
        Assert.Equal([expected], evaluation.Breaches);
    }

    [Fact]
    public void Both_breaches_are_reported()
    {
        Assert.Equal([Breach.SelfSufficiencyBelowMinimum, Breach.ResourceDrawAboveMaximum], Evaluate(Milestone.M12, 0.1m, 200_000m).Breaches);
    }

    [Fact]
    public void The_m36_rate_target_is_capped_at_one()
    {
        var evaluation = MeasurementEvaluation.Evaluate(PolicyCatalog.StandardV1.RuleFor(Milestone.M36), new IndicatorValues(0.95m, 0m, 0m), new IndicatorValues(1m, 0m, 0m));

        Assert.Equal(1m, evaluation.MinSelfSufficiencyRate);
        Assert.Equal(MeasurementOutcome.OnTrack, evaluation.Outcome);
    }

    [Fact]
    public void No_values_is_missing_data()
    {
        var evaluation = MeasurementEvaluation.Evaluate(PolicyCatalog.StandardV1.RuleFor(Milestone.M3), Baseline, null);

        Assert.Equal(MeasurementOutcome.MissingData, evaluation.Outcome);
        Assert.Null(evaluation.Values);
    }
}
