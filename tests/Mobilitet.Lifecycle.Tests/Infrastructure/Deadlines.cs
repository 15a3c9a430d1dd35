using Mobilitet.Testing.Api;
namespace Mobilitet.Lifecycle.Tests.Infrastructure;

public static class Deadlines
{
    /// <summary>Long enough for 36 policy months at 100 ms a day (~110 s) on a loaded machine.</summary>
    public static readonly TimeSpan ThroughM36 = TimeSpan.FromMinutes(6);
}
