using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Policies;

/// <summary>
/// Every policy an agreement can be pinned to. Entries are only ever added: a running agreement
/// must find the policy it was created under for as long as it runs (36 months and more).
/// </summary>
public static class PolicyCatalog
{
    /// <summary>The policy new agreements are created under (an agreement keeps the one it was created under).</summary>
    public const string DefaultName = "standard-v2";

    public static LifecyclePolicy StandardV1 { get; } = new(
        Name: "standard-v1",
        Consent: new ConsentRules(FirstReminderAfterDays: 7, ReminderEveryDays: 7, ExpiresAfterDays: 30),
        Financing: new FinancingRules(DecisionDays: 10),
        Move: new MoveRules(ReminderDaysAfterPlannedDate: 7, EscalationDaysOverdue: 30),
        Milestones:
        [
            new MilestoneRule(Milestone.M3, MinSelfSufficiencyChange: -0.10m, MaxResourceDrawFactor: 1.15m),
            new MilestoneRule(Milestone.M12, MinSelfSufficiencyChange: 0m, MaxResourceDrawFactor: 1.00m),
            new MilestoneRule(Milestone.M36, MinSelfSufficiencyChange: 0.10m, MaxResourceDrawFactor: 0.90m),
        ],
        MissingData: new MissingDataRules(EscalateAfterDays: 14),
        Escalation: new EscalationRules(DaysPerLevel: 5),
        Dates: new DateRules(PlannedMoveMaxDaysAhead: 730));

    /// <summary>
    /// standard-v1 and the resident's well-being check-in at every milestone: asked 14 days before it falls due, a
    /// score below 3 of 5 escalates like any other breach.
    /// </summary>
    public static LifecyclePolicy StandardV2 { get; } = StandardV1 with
    {
        Name = "standard-v2",
        WellBeing = new WellBeingRules(MinimumScore: 3, AnswerWindowDays: 14),
    };

    private static readonly ConcurrentDictionary<string, LifecyclePolicy> Policies =
        new(new[] { StandardV1, StandardV2 }.ToDictionary(policy => policy.Name), StringComparer.Ordinal);

    public static IEnumerable<string> Names => Policies.Keys;

    public static bool TryGet(string name, [NotNullWhen(true)] out LifecyclePolicy? policy) =>
        Policies.TryGetValue(name, out policy);

    /// <summary>
    /// Adds a policy for in-process tests (the host and the workflow look policies up here). A test of the whole lifecycle
    /// at a compressed day gives people's steps deadlines that no loaded machine can pass, so that only the timers it is
    /// about can fire. Only adds, as the catalog does: a name already taken by another policy is refused.
    /// </summary>
    internal static void AddForTests(LifecyclePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!ReferenceEquals(Policies.GetOrAdd(policy.Name, policy), policy))
        {
            throw new InvalidOperationException($"The policy name '{policy.Name}' is taken.");
        }
    }

    public static LifecyclePolicy Get(string name) =>
        TryGet(name, out var policy) ? policy : throw new KeyNotFoundException($"Unknown policy '{name}'.");
}
