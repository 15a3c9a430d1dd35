using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.DurableTask.Protobuf;
using Mobilitet.Testing;

namespace Mobilitet.Benchmarks.Harness;

/// <summary>
/// The worker's own stopwatch per activity kind: from the moment the engine hands the worker an activity work item to
/// the moment the worker reports its result, so it is the activity's time in our code and its storage calls (and the
/// thread pool's queue), not the engine's. A meter on the worker's channel, beside <see cref="HistoryMeter"/>.
/// </summary>
internal sealed class ActivityMeter : WorkerInterceptor
{
    private readonly ConcurrentDictionary<(string InstanceId, int TaskId), (string Name, long Started)> running = new();
    private readonly ConcurrentDictionary<string, Totals> totals = new(StringComparer.Ordinal);

    /// <summary>Per activity name: how many ran and their total and mean time, slowest total first.</summary>
    public IReadOnlyList<(string Name, int Count, double TotalSeconds, double MeanMs)> ByKind() =>
        [.. totals.Select(entry => (entry.Key, entry.Value.Count, entry.Value.Ticks / (double)Stopwatch.Frequency, entry.Value.Ticks * 1000.0 / Stopwatch.Frequency / Math.Max(1, entry.Value.Count)))
            .OrderByDescending(entry => entry.Item3)];

    protected override void OnWorkItem(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.ActivityRequest is { } activity)
        {
            running[(activity.OrchestrationInstance.InstanceId, activity.TaskId)] = (activity.Name, Stopwatch.GetTimestamp());
        }
    }

    protected override void OnRequest(object request)
    {
        if (request is ActivityResponse done && running.TryRemove((done.InstanceId, done.TaskId), out var started))
        {
            var ticks = Stopwatch.GetTimestamp() - started.Started;
            totals.AddOrUpdate(started.Name, _ => new Totals(1, ticks), (_, known) => new Totals(known.Count + 1, known.Ticks + ticks));
        }
    }

    private readonly record struct Totals(int Count, long Ticks);
}
