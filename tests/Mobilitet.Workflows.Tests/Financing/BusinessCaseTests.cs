using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Tests.Financing;

public sealed class BusinessCaseTests
{
    private static readonly LifecyclePolicy Policy = PolicyCatalog.StandardV1;

    [Fact]
    public void The_gain_comes_from_lower_transfers_and_higher_taxes_ramped_over_36_months()
    {
        // 20 % self-supporting, 200 000 kr. drawn, 30 000 kr. taxes a year.
        var businessCase = BusinessCase.Project(Policy, new IndicatorValues(0.2m, 200_000m, 30_000m), requestedDkk: 20_000m);

        Assert.Equal(0.3m, businessCase.TargetSelfSufficiencyRate);
        Assert.Equal(180_000m, businessCase.TargetResourceDrawDkk);
        Assert.Equal(20_000m, businessCase.AnnualTransferSavingDkk);   // 10 % of the draw
        Assert.Equal(15_000m, businessCase.AnnualTaxGainDkk);          // 30 000 / 0.2 × 0.1
        Assert.Equal(52_500m, businessCase.ProjectedGain36Dkk);        // 1.5 × 35 000
        Assert.Equal(2.625m, businessCase.GainToRequestedRatio);
    }

    [Fact]
    public void Without_self_supporting_weeks_at_baseline_no_tax_gain_is_counted()
    {
        var businessCase = BusinessCase.Project(Policy, new IndicatorValues(0m, 250_000m, 0m), requestedDkk: 10_000m);

        Assert.Equal(0m, businessCase.AnnualTaxGainDkk);
        Assert.Equal(37_500m, businessCase.ProjectedGain36Dkk);
    }

    [Theory]
    [InlineData(25_000, FinancingAssessment.AutoApprove)]                   // gain 52 500 ≥ 37 500
    [InlineData(25_001, FinancingAssessment.AmountAboveAutoApprovalLimit)]
    public void Auto_approval_needs_an_amount_within_the_limit(decimal requested, FinancingAssessment expected)
    {
        var businessCase = BusinessCase.Project(Policy, new IndicatorValues(0.2m, 200_000m, 30_000m), requested);

        Assert.Equal(expected, FinancingAssessor.Assess(Policy.Financing, businessCase));
    }

    [Fact]
    public void Auto_approval_needs_a_gain_of_one_and_a_half_times_the_amount_exactly_on_the_limit_passes()
    {
        // Gain 37 500 kr. = 1.5 × 25 000.
        var onTheLimit = BusinessCase.Project(Policy, new IndicatorValues(0m, 250_000m, 0m), 25_000m);
        var justBelow = BusinessCase.Project(Policy, new IndicatorValues(0m, 249_990m, 0m), 25_000m);

        Assert.Equal(FinancingAssessment.AutoApprove, FinancingAssessor.Assess(Policy.Financing, onTheLimit));
        Assert.Equal(FinancingAssessment.GainBelowRequiredRatio, FinancingAssessor.Assess(Policy.Financing, justBelow));
    }
}
