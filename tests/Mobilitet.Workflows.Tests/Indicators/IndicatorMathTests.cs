using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Tests.Indicators;

public sealed class IndicatorMathTests
{
    [Fact]
    public void The_self_sufficiency_rate_is_the_share_of_weeks_without_benefits()
    {
        Assert.Equal(0.75m, IndicatorMath.SelfSufficiencyRate(weeksWithBenefits: 13, weeksInWindow: 52));
        Assert.Equal(1m, IndicatorMath.SelfSufficiencyRate(0, 13));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndicatorMath.SelfSufficiencyRate(14, 13));
    }

    [Fact]
    public void Amounts_are_annualised_from_the_window_length()
    {
        Assert.Equal(120_000m, IndicatorMath.Annualise(30_000m, months: 3));
        Assert.Equal(60_000m, IndicatorMath.Annualise(45_000m, months: 9));
    }

    [Fact]
    public void Net_contribution_is_taxes_minus_resource_draw()
    {
        Assert.Equal(-90_000m, new IndicatorValues(0.5m, 150_000m, 60_000m).NetContributionDkk);
        Assert.Equal(180_000m, IndicatorMath.ResourceDraw(transferIncomesDkk: 150_000m, serviceCostsDkk: 30_000m));
    }

    [Fact]
    public void Milestones_measure_their_windows()
    {
        Assert.Equal((0, 3), Milestone.M3.Window());
        Assert.Equal((3, 12), Milestone.M12.Window());
        Assert.Equal((24, 36), Milestone.M36.Window());
        Assert.Equal([3, 12, 36], Milestones.InOrder.Select(m => m.MonthsAfterMove()));
    }
}
