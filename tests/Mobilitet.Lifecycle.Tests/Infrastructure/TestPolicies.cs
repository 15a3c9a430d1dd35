using Mobilitet.Workflows.Policies;

namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>
/// Policies only the in-process tests use (added to the catalog when a <see cref="LifecycleHost"/> starts).
/// </summary>
public static class TestPolicies
{
    /// <summary>A century of policy days: no deadline that long falls due in a test at any day length used here.</summary>
    private const int Never = 36_500;

    /// <summary>
    /// standard-v2 with every deadline of a person's step (consent reminders and expiry, the financing decision, the move's
    /// reminder and escalation) a century away, and everything after the move as it is. A test of the whole lifecycle
    /// needs M3–M36 to fall due, so it runs at a compressed day; under this policy its people's steps cannot race a timer
    /// (at 100 ms under standard-v2 consent expires 3 s after the create, and a loaded machine can take longer), and the day
    /// can be as short as the milestones allow.
    /// </summary>
    public static LifecyclePolicy UnhurriedPeople { get; } = Unhurried(PolicyCatalog.StandardV2, "test-unhurried-people");

    /// <summary>
    /// <see cref="UnhurriedPeople"/> on standard-v1 (no well-being check-ins): for tests of agreements stored as
    /// <see cref="LifecycleHost.StoreWithoutOrchestrationAsync"/> stores them, whose lifecycle (and history) is standard-v1's.
    /// </summary>
    public static LifecyclePolicy UnhurriedPeopleV1 { get; } = Unhurried(PolicyCatalog.StandardV1, "test-unhurried-people-v1");

    /// <summary>
    /// standard-v2 with only the consent's reminders and expiry a century away: for tests that need a later deadline to
    /// fall due at a 100 ms day (the financing decision's, 1 s after the request, which escalates) after a consent that
    /// must not race its own 3-second expiry.
    /// </summary>
    public static LifecyclePolicy UnhurriedConsent { get; } = PolicyCatalog.StandardV2 with
    {
        Name = "test-unhurried-consent",
        Consent = UnhurriedPeople.Consent,
    };

    /// <summary>Adds the test policies to the catalog (every host calls it as it starts; adding the same one again changes nothing).</summary>
    public static void Register()
    {
        PolicyCatalog.AddForTests(UnhurriedPeople);
        PolicyCatalog.AddForTests(UnhurriedPeopleV1);
        PolicyCatalog.AddForTests(UnhurriedConsent);
    }

    private static LifecyclePolicy Unhurried(LifecyclePolicy basis, string name) => basis with
    {
        Name = name,
        Consent = new ConsentRules(FirstReminderAfterDays: Never, ReminderEveryDays: Never, ExpiresAfterDays: Never),
        Financing = new FinancingRules(DecisionDays: Never),
        Move = new MoveRules(ReminderDaysAfterPlannedDate: Never, EscalationDaysOverdue: Never),
    };
}
