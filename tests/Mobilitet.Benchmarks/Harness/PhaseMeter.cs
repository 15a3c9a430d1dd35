using System.Collections.Concurrent;
using System.Diagnostics;

namespace Mobilitet.Benchmarks.Harness;

/// <summary>
/// Where one scripted run's time goes, step by step as the client sees it (waiting for a free client, create, consent
/// until the workflow waits for the move, ...): each run marks the end of a phase, and the meter keeps the time since
/// the run's previous mark under that phase's name. The lifecycle's script and the bare baseline mark the same phases,
/// so the two can be set side by side in the same process.
/// </summary>
internal sealed class PhaseMeter
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> seconds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> order = new(StringComparer.Ordinal);

    /// <summary>A new run, starting now: call its <see cref="Run.Mark"/> at the end of each phase.</summary>
    public Run Start() => new(this);

    /// <summary>Per phase, in the order the runs reached them: how many runs passed it, and the p50 and p90 of its seconds.</summary>
    public IReadOnlyList<(string Phase, int Count, double P50, double P90)> Summary() =>
        [.. seconds.OrderBy(entry => order[entry.Key]).Select(entry =>
        {
            var sorted = entry.Value.Order().ToArray();
            return (entry.Key, sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.9));
        })];

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private void Add(string phase, double value)
    {
        order.TryAdd(phase, order.Count);
        seconds.GetOrAdd(phase, _ => []).Add(value);
    }

    public sealed class Run(PhaseMeter meter)
    {
        private long last = Stopwatch.GetTimestamp();

        public void Mark(string phase)
        {
            var now = Stopwatch.GetTimestamp();
            meter.Add(phase, Stopwatch.GetElapsedTime(last, now).TotalSeconds);
            last = now;
        }
    }
}
