using System.Diagnostics;
using Mobilitet.Testing;

namespace Mobilitet.Benchmarks.Harness;

/// <summary>
/// Waits until the engine has had no orchestration work for a few seconds, or gives up: requests timed while workflows
/// started or woken by the last phase still run measure that backlog (on Azurite, every request waits in one line).
/// </summary>
internal static class EngineIdle
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);

    /// <returns>Whether the engine went quiet before <paramref name="giveUpAfter"/>.</returns>
    public static async Task<bool> WaitAsync(HistoryMeter meter, TimeSpan giveUpAfter, string stage)
    {
        ArgumentNullException.ThrowIfNull(meter);
        var giveUp = Stopwatch.StartNew();
        var seen = meter.WorkItems;
        var since = Stopwatch.StartNew();
        while (since.Elapsed < Quiet && giveUp.Elapsed < giveUpAfter)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            if (meter.WorkItems != seen)
            {
                seen = meter.WorkItems;
                since.Restart();
            }
        }

        var settled = since.Elapsed >= Quiet;
        Console.WriteLine($"{stage}: {(settled ? "settled" : "still busy, going on")} after {giveUp.Elapsed.TotalSeconds:F0} s ({seen} orchestration work items so far)");
        return settled;
    }
}
