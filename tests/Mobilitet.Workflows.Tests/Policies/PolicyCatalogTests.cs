using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Tests.Policies;

public sealed class PolicyCatalogTests
{
    [Fact]
    public void Standard_v1_has_exactly_the_agreed_rules_and_no_check_in()
    {
        var policy = PolicyCatalog.Get("standard-v1");

        Assert.Equal("standard-v1", policy.Name);
        Assert.Equal(new ConsentRules(7, 7, 30), policy.Consent);
        Assert.Equal(new FinancingRules(10), policy.Financing);
        Assert.Equal(new MoveRules(7, 30), policy.Move);
        Assert.Equal(new MilestoneRule(Milestone.M3, -0.10m, 1.15m), policy.RuleFor(Milestone.M3));
        Assert.Equal(new MilestoneRule(Milestone.M12, 0m, 1.00m), policy.RuleFor(Milestone.M12));
        Assert.Equal(new MilestoneRule(Milestone.M36, 0.10m, 0.90m), policy.RuleFor(Milestone.M36));
        Assert.Equal(14, policy.MissingData.EscalateAfterDays);
        Assert.Equal(5, policy.Escalation.DaysPerLevel);
        Assert.Equal(3, policy.Escalation.LinkGraceDays);
        Assert.Null(policy.WellBeing);
    }

    [Fact]
    public void Standard_v2_is_the_default_and_is_standard_v1_with_the_well_being_check_in()
    {
        var policy = PolicyCatalog.Get(PolicyCatalog.DefaultName);

        Assert.Equal("standard-v2", policy.Name);
        Assert.Equal(new WellBeingRules(MinimumScore: 3, AnswerWindowDays: 14), policy.WellBeing);
        Assert.Equal(PolicyCatalog.StandardV1 with { Name = policy.Name, WellBeing = policy.WellBeing }, policy);
    }

    [Fact]
    public void An_unknown_policy_is_not_found()
    {
        Assert.False(PolicyCatalog.TryGet("standard-v0", out _));
        Assert.Throws<KeyNotFoundException>(() => PolicyCatalog.Get("standard-v0"));
    }

    [Fact]
    public void A_policy_added_for_tests_is_found_and_its_name_cannot_be_taken_by_another()
    {
        var added = PolicyCatalog.StandardV2 with { Name = "test-catalog-" + Guid.NewGuid().ToString("N")[..8] };

        PolicyCatalog.AddForTests(added);
        PolicyCatalog.AddForTests(added); // every test host adds its policies as it starts

        Assert.Same(added, PolicyCatalog.Get(added.Name));
        Assert.Throws<InvalidOperationException>(() => PolicyCatalog.AddForTests(added with { Consent = new ConsentRules(1, 1, 1) }));
        Assert.Throws<InvalidOperationException>(() => PolicyCatalog.AddForTests(PolicyCatalog.StandardV1 with { Name = PolicyCatalog.DefaultName }));
        Assert.Same(added, PolicyCatalog.Get(added.Name));
        Assert.Equal("standard-v2", PolicyCatalog.Get(PolicyCatalog.DefaultName).Name);
        Assert.Equal(30, PolicyCatalog.Get(PolicyCatalog.DefaultName).Consent.ExpiresAfterDays);
    }
}
