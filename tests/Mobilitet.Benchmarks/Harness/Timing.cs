using System.Diagnostics;

namespace Mobilitet.Benchmarks.Harness;

internal static class Timing
{
    /// <summary>Runs <paramref name="n"/> scripted items at once and returns the seconds until all are done.</summary>
    public static async Task<double> SecondsAsync(int n, Func<int, Task> one)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, n).Select(i => Task.Run(() => one(i))));
        return watch.Elapsed.TotalSeconds;
    }
}
