namespace Mobilitet.Local.Tests.Infrastructure;

/// <summary>
/// The crash storm runs when <see cref="Variable"/> is 1, not in every <c>.ci/run</c>: it takes four to six minutes on two
/// cores, and one of its runs failed for a reason not found yet (docs/reliability.md, "Time" and the red run). A test that
/// may fail for an unknown reason must not decide whether a change lands; it stays one command away until that is found.
/// </summary>
public sealed class CrashStormFactAttribute : FactAttribute
{
    public const string Variable = "MOBILITET_CRASH_STORM";

    public CrashStormFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"Runs with {Variable}=1 (four to six minutes; docs/reliability.md).";
        }
    }
}
