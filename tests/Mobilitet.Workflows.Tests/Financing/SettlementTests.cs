using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Tests.Financing;

/// <summary>The settlement examples of docs/financing.md, computed by hand there.</summary>
public sealed class SettlementTests
{
    // Baseline: taxes 30 000, draw 200 000 → net −170 000 kr. a year.
    private static readonly IndicatorValues Baseline = new(0.2m, 200_000m, 30_000m);

    private static readonly Dictionary<Milestone, IndicatorValues> AllThree = new()
    {
        [Milestone.M3] = new(0.2m, 194_000m, 30_000m),    // net −164 000: +6 000 a year
        [Milestone.M12] = new(0.25m, 188_000m, 36_000m),  // net −152 000: +18 000 a year
        [Milestone.M36] = new(0.4m, 160_000m, 60_000m),   // net −100 000: +70 000 a year
    };

    [Fact]
    public void A_complete_settlement_counts_each_window_and_the_unmeasured_second_year_at_the_mean()
    {
        var settlement = Settlement.Compute(InstrumentCatalog.MunicipalFundV1, 20_000m, Baseline, AllThree);

        // 6 000 × 3/12 + 18 000 × 9/12 + (18 000 + 70 000)/2 × 12/12 + 70 000 × 12/12 = 1 500 + 13 500 + 44 000 + 70 000
        Assert.Equal(129_000m, settlement.RealisedGainDkk);
        Assert.Equal([(0, 3), (3, 12), (12, 24), (24, 36)], settlement.Periods.Select(period => (period.FromMonth, period.ToMonth)));
        Assert.Null(settlement.Periods[2].MeasuredBy);
        Assert.True(settlement.Complete);
        Assert.Equal(0m, settlement.OutcomePaymentDkk);   // a grant
        Assert.Equal(0m, settlement.WrittenOffDkk);       // the gain covers the grant
    }

    [Fact]
    public void The_outcome_contract_pays_half_the_gain_above_the_amount_up_to_its_cap()
    {
        var contract = InstrumentCatalog.OutcomeContractV1;

        // 0.5 × (129 000 − 100 000) = 14 500, below the cap of 130 000; 100 000 − 14 500 written off.
        var settlement = Settlement.Compute(contract, 100_000m, Baseline, AllThree);
        Assert.Equal(14_500m, settlement.OutcomePaymentDkk);
        Assert.Equal(85_500m, settlement.WrittenOffDkk);

        // 0.5 × (129 000 − 20 000) = 54 500, capped at 1.3 × 20 000 = 26 000; nothing written off.
        var small = Settlement.Compute(contract, 20_000m, Baseline, AllThree);
        Assert.Equal(26_000m, small.OutcomePaymentDkk);
        Assert.Equal(0m, small.WrittenOffDkk);
    }

    [Fact]
    public void An_agreement_that_ends_early_is_settled_on_what_was_measured_without_extrapolating()
    {
        var measured = new Dictionary<Milestone, IndicatorValues> { [Milestone.M3] = AllThree[Milestone.M3], [Milestone.M12] = AllThree[Milestone.M12] };

        var settlement = Settlement.Compute(InstrumentCatalog.MunicipalFundV1, 20_000m, Baseline, measured);

        Assert.Equal(15_000m, settlement.RealisedGainDkk);   // 1 500 + 13 500
        Assert.Equal(12, settlement.MonthsSettled);
        Assert.False(settlement.Complete);
        Assert.Equal(5_000m, settlement.WrittenOffDkk);      // 20 000 − 15 000
    }

    [Fact]
    public void Each_instrument_settles_an_early_end_by_its_own_rule_on_the_same_measured_year()
    {
        var measured = new Dictionary<Milestone, IndicatorValues> { [Milestone.M3] = AllThree[Milestone.M3], [Milestone.M12] = AllThree[Milestone.M12] };

        // The grants (both versions): 15 000 realised covers 15 000 of 20 000.
        foreach (var grant in new[] { InstrumentCatalog.MunicipalFundV1, InstrumentCatalog.MunicipalFundV2 })
        {
            var settled = Settlement.Compute(grant, 20_000m, Baseline, measured);
            Assert.Equal((12, 15_000m, 0m, 5_000m), (settled.MonthsSettled, settled.RealisedGainDkk, settled.OutcomePaymentDkk, settled.WrittenOffDkk));
        }

        // The contract at its smallest amount: 0.5 × (15 000 − 10 000) = 2 500 paid back, 10 000 − 2 500 = 7 500 the investor's loss.
        var contract = Settlement.Compute(InstrumentCatalog.OutcomeContractV1, 10_000m, Baseline, measured);
        Assert.Equal((12, 15_000m, 2_500m, 7_500m), (contract.MonthsSettled, contract.RealisedGainDkk, contract.OutcomePaymentDkk, contract.WrittenOffDkk));
    }

    [Fact]
    public void A_gap_ends_what_counts_and_a_loss_is_no_gain()
    {
        // M3 missing: nothing after it counts either.
        var gap = Settlement.Compute(InstrumentCatalog.MunicipalFundV1, 20_000m, Baseline, new Dictionary<Milestone, IndicatorValues> { [Milestone.M12] = AllThree[Milestone.M12] });
        Assert.Equal(0, gap.MonthsSettled);
        Assert.Equal(0m, gap.RealisedGainDkk);

        // Worse than the baseline: a negative gain; the whole grant is written off and the contract pays nothing.
        var worse = new Dictionary<Milestone, IndicatorValues> { [Milestone.M3] = new(0.1m, 212_000m, 20_000m) };   // net −192 000: −22 000 a year
        var loss = Settlement.Compute(InstrumentCatalog.OutcomeContractV1, 50_000m, Baseline, worse);
        Assert.Equal(-5_500m, loss.RealisedGainDkk);
        Assert.Equal(0m, loss.OutcomePaymentDkk);
        Assert.Equal(50_000m, loss.WrittenOffDkk);
    }
}
