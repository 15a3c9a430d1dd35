namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>
/// Day lengths that decide a timer's race before the test starts, instead of hoping a machine is fast enough.
/// With <see cref="TimersCannotFire"/> the shortest window of the policy (the 5 days of an escalation level) lasts
/// five hours, far beyond any test's deadline; with <see cref="TimersFireAtOnce"/> the longest (36 months) passes in
/// about a second, so a test that waits for a timer's effect always sees it.
/// </summary>
public static class Days
{
    public static readonly TimeSpan TimersCannotFire = TimeSpan.FromHours(1);

    public static readonly TimeSpan TimersFireAtOnce = TimeSpan.FromMilliseconds(1);
}
