using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Tests.Financing;

/// <summary>The numbers here are the worked examples of docs/financing.md, computed by hand there.</summary>
public sealed class BusinessCaseTests
{
    private static readonly LifecyclePolicy Policy = PolicyCatalog.StandardV1;
    private static readonly FinancingInstrument Fund = InstrumentCatalog.MunicipalFundV2;

    [Fact]
    public void The_gain_comes_from_lower_transfers_and_higher_taxes_ramped_over_36_months()
    {
        // 20 % self-supporting, 200 000 kr. drawn, 30 000 kr. taxes a year.
        var businessCase = BusinessCase.Project(Policy, Fund, new IndicatorValues(0.2m, 200_000m, 30_000m), requestedDkk: 20_000m);

        Assert.Equal(0.3m, businessCase.TargetSelfSufficiencyRate);
        Assert.Equal(180_000m, businessCase.TargetResourceDrawDkk);
        Assert.Equal(20_000m, businessCase.AnnualTransferSavingDkk);   // 10 % of the draw
        Assert.Equal(15_000m, businessCase.AnnualTaxGainDkk);          // 30 000 / 0.2 × 0.1
        Assert.Equal(52_500m, businessCase.ProjectedGain36Dkk);        // 1.5 × 35 000
        Assert.Equal(2.625m, businessCase.GainToRequestedRatio);
    }

    [Fact]
    public void Year_by_year_the_gain_ramps_up_and_the_net_contribution_rises_from_the_baseline()
    {
        var businessCase = BusinessCase.Project(Policy, Fund, new IndicatorValues(0.2m, 200_000m, 30_000m), requestedDkk: 20_000m);

        // Baseline net contribution 30 000 − 200 000 = −170 000; annual gain at the M36 level 35 000 kr.
        Assert.Equal(-170_000m, businessCase.BaselineNetContributionDkk);
        Assert.Equal([1, 2, 3], businessCase.Years.Select(year => year.Year));
        Assert.Equal(35_000m / 6, businessCase.Years[0].GainDkk);          // 5 833,33
        Assert.Equal(17_500m, businessCase.Years[1].GainDkk);
        Assert.Equal(35_000m * 5 / 6, businessCase.Years[2].GainDkk);      // 29 166,67
        Assert.Equal(-170_000m + 17_500m, businessCase.Years[1].NetContributionDkk);
        Assert.Equal(52_500m, businessCase.Years[2].CumulativeGainDkk);
        Assert.Equal(businessCase.ProjectedGain36Dkk, businessCase.Years.Sum(year => year.GainDkk));

        // Cumulative 35 000 × m² / 864 ≥ 20 000 first at m = 23 (21 429 kr.; m = 22: 19 606 kr.).
        Assert.Equal(23, businessCase.PaybackMonth);
        Assert.Equal(30_000m, businessCase.RequiredGainDkk);
        Assert.Equal(FinancingRecommendation.Recommended, businessCase.Recommendation);
    }

    [Fact]
    public void Every_assumption_is_named_with_its_source()
    {
        var businessCase = BusinessCase.Project(Policy, InstrumentCatalog.OutcomeContractV1, new IndicatorValues(0.2m, 200_000m, 30_000m), 20_000m);

        Assert.Contains(new BusinessCaseAssumption("m36-self-sufficiency-change", 0.10m, "policy:standard-v1"), businessCase.Assumptions);
        Assert.Contains(new BusinessCaseAssumption("m36-resource-draw-factor", 0.90m, "policy:standard-v1"), businessCase.Assumptions);
        Assert.Contains(new BusinessCaseAssumption("ramp-years", 1.5m, "model:business-case-v2"), businessCase.Assumptions);
        Assert.Contains(new BusinessCaseAssumption("required-gain-multiple", 2m, "instrument:outcome-contract-v1"), businessCase.Assumptions);
        Assert.Equal("outcome-contract-v1", businessCase.InstrumentName);
    }

    [Fact]
    public void Without_taxable_income_at_baseline_no_tax_gain_is_counted()
    {
        var businessCase = BusinessCase.Project(Policy, Fund, new IndicatorValues(0m, 250_000m, 0m), requestedDkk: 10_000m);

        Assert.Equal(0m, businessCase.AnnualTaxGainDkk);
        Assert.Equal(37_500m, businessCase.ProjectedGain36Dkk);
        // 25 000 × m² / 864 ≥ 10 000 first at m = 19 (10 446 kr.).
        Assert.Equal(19, businessCase.PaybackMonth);
    }

    [Fact]
    public void A_fully_self_supporting_resident_has_no_projected_gain_and_no_payback()
    {
        // Rate 1 cannot rise, and a draw of 0 cannot fall.
        var businessCase = BusinessCase.Project(Policy, Fund, new IndicatorValues(1m, 0m, 120_000m), requestedDkk: 15_000m);

        Assert.Equal(0m, businessCase.ProjectedGain36Dkk);
        Assert.All(businessCase.Years, year => Assert.Equal(120_000m, year.NetContributionDkk));
        Assert.Null(businessCase.PaybackMonth);
        Assert.Equal(FinancingRecommendation.NotRecommended, businessCase.Recommendation);
        Assert.Equal(FinancingAssessment.GainBelowRequiredRatio, FinancingAssessor.Assess(Fund, businessCase));
    }

    [Theory]
    [InlineData(25_000, FinancingAssessment.AutoApprove)]                   // gain 52 500 ≥ 37 500
    [InlineData(25_001, FinancingAssessment.AmountAboveAutoApprovalLimit)]
    public void Auto_approval_needs_an_amount_within_the_instruments_limit(decimal requested, FinancingAssessment expected)
    {
        var businessCase = BusinessCase.Project(Policy, Fund, new IndicatorValues(0.2m, 200_000m, 30_000m), requested);

        Assert.Equal(expected, FinancingAssessor.Assess(Fund, businessCase));
    }

    [Fact]
    public void Auto_approval_needs_a_gain_of_the_instruments_multiple_exactly_on_the_limit_passes()
    {
        // Gain 37 500 kr. = 1.5 × 25 000.
        var onTheLimit = BusinessCase.Project(Policy, Fund, new IndicatorValues(0m, 250_000m, 0m), 25_000m);
        var justBelow = BusinessCase.Project(Policy, Fund, new IndicatorValues(0m, 249_990m, 0m), 25_000m);

        Assert.Equal(FinancingAssessment.AutoApprove, FinancingAssessor.Assess(Fund, onTheLimit));
        Assert.Equal(FinancingAssessment.GainBelowRequiredRatio, FinancingAssessor.Assess(Fund, justBelow));
    }

    [Fact]
    public void The_outcome_contract_is_never_approved_without_a_person()
    {
        var businessCase = BusinessCase.Project(Policy, InstrumentCatalog.OutcomeContractV1, new IndicatorValues(0.2m, 200_000m, 30_000m), 10_000m);

        Assert.Equal(FinancingAssessment.AmountAboveAutoApprovalLimit, FinancingAssessor.Assess(InstrumentCatalog.OutcomeContractV1, businessCase));
    }
}
