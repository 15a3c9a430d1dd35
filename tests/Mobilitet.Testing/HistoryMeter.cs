using System.Collections.Concurrent;
using Microsoft.DurableTask.Protobuf;

namespace Mobilitet.Testing;

/// <summary>
/// Counts the history every orchestration generation (execution) replays, as the Durable Task worker
/// receives it from the engine: past events + new events of each work item, the largest per execution.
/// A meter on the worker's channel (<see cref="WorkerInterceptor"/>), so neither the engine nor the workflow is touched; the
/// in-memory engine keeps no history of earlier generations, so it is counted as it passes.
/// </summary>
public sealed class HistoryMeter : WorkerInterceptor
{
    private readonly ConcurrentDictionary<(string InstanceId, string ExecutionId), Generation> generations = new();
    private long order;
    private long workItems;

    /// <summary>The generations of one instance in the order they started, with the largest history each replayed.</summary>
    public IReadOnlyList<Generation> GenerationsOf(string instanceId) =>
        generations.Where(entry => entry.Key.InstanceId == instanceId).Select(entry => entry.Value).OrderBy(g => g.Order).ToList();

    /// <summary>How many orchestration work items (episodes) the worker has received so far.</summary>
    public long WorkItems => Interlocked.Read(ref workItems);

    /// <summary>Every generation of every instance.</summary>
    public IReadOnlyList<Generation> All => generations.Values.OrderBy(g => g.Order).ToList();

    protected override void OnWorkItem(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.OrchestratorRequest is { } request)
        {
            Observe(request);
        }
    }

    private void Observe(OrchestratorRequest request)
    {
        Interlocked.Increment(ref workItems);
        var executionId = request.ExecutionId ?? string.Empty;
        var history = request.PastEvents.Concat(request.NewEvents).ToList();
        var started = history.FirstOrDefault(e => e.ExecutionStarted is not null)?.ExecutionStarted;
        var timers = history.Count(e => e.TimerCreated is not null);
        var raised = history.Count(e => e.EventRaised is not null);
        var kinds = history.GroupBy(e => e.EventTypeCase.ToString()).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        generations.AddOrUpdate(
            (request.InstanceId, executionId),
            _ => new Generation(request.InstanceId, executionId, started?.Name ?? "?", started?.Version ?? string.Empty, history.Count, 1, Interlocked.Increment(ref order), timers, raised, kinds),
            (_, known) => known with
            {
                EventTypes = history.Count >= known.ReplayedEvents ? kinds : known.EventTypes,
                Name = started?.Name ?? known.Name,
                Version = started?.Version ?? known.Version,
                ReplayedEvents = Math.Max(known.ReplayedEvents, history.Count),
                Episodes = known.Episodes + 1,
                TimersCreated = Math.Max(known.TimersCreated, timers),
                EventsRaised = Math.Max(known.EventsRaised, raised),
            });
    }

    /// <param name="ReplayedEvents">The largest history one episode of this generation replayed (past + new events).</param>
    /// <param name="Episodes">How many work items (episodes) the generation took.</param>
    /// <param name="TimersCreated">The timers in the largest history seen (those created by the last episode show in the next one).</param>
    /// <param name="EventsRaised">The external events in the largest history seen.</param>
    /// <param name="EventTypes">The largest history seen, counted by event type (TaskScheduled, TimerCreated, EventRaised, ...): the generation's shape.</param>
    public sealed record Generation(string InstanceId, string ExecutionId, string Name, string Version, int ReplayedEvents, int Episodes, long Order, int TimersCreated = 0, int EventsRaised = 0, IReadOnlyDictionary<string, int>? EventTypes = null);
}
