using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Tests.Policies;

public sealed class PolicyCatalogTests
{
    [Fact]
    public void Standard_v1_is_the_default_and_has_exactly_the_agreed_rules()
    {
        var policy = PolicyCatalog.Get(PolicyCatalog.DefaultName);

        Assert.Equal("standard-v1", policy.Name);
        Assert.Equal(new ConsentRules(7, 7, 30), policy.Consent);
        Assert.Equal(new FinancingRules(25_000m, 1.5m, 10), policy.Financing);
        Assert.Equal(new MoveRules(7, 30), policy.Move);
        Assert.Equal(new MilestoneRule(Milestone.M3, -0.10m, 1.15m), policy.RuleFor(Milestone.M3));
        Assert.Equal(new MilestoneRule(Milestone.M12, 0m, 1.00m), policy.RuleFor(Milestone.M12));
        Assert.Equal(new MilestoneRule(Milestone.M36, 0.10m, 0.90m), policy.RuleFor(Milestone.M36));
        Assert.Equal(14, policy.MissingData.EscalateAfterDays);
        Assert.Equal(5, policy.Escalation.DaysPerLevel);
    }

    [Fact]
    public void An_unknown_policy_is_not_found()
    {
        Assert.False(PolicyCatalog.TryGet("standard-v0", out _));
        Assert.Throws<KeyNotFoundException>(() => PolicyCatalog.Get("standard-v0"));
    }
}
