using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;
using Microsoft.DurableTask.Testing.Sidecar.Dispatcher;

namespace Mobilitet.Local.Engine;

/// <summary>
/// Wraps the orchestration service the sidecar dispatches from. It answers the concurrency limits
/// (hard-coded getters in the providers: the core count for the in-memory one) with ours, and it
/// remembers the provider's StopAsync, which the sidecar starts from an async void handler: the
/// host awaits it, so leases are released before the process exits (DESIGN §5).
/// Two repairs keep sub-orchestrations (our escalations) working on the Azure Storage provider,
/// which stores what it is given by type: the sidecar hands over (1) the new instance's tags as
/// protobuf's MapField, which the provider writes with its type name and cannot read back, so the
/// sub-orchestration never starts; and (2) its own subclass of SubOrchestrationInstanceCreatedEvent,
/// which the history table stores without any of its fields, so the parent cannot be replayed after
/// a restart. Both are replaced by the plain DTFx types before the provider sees them. The subclass
/// carries the trace context the parent's span for the sub-orchestration needs, so its span id is
/// kept in the plain event's ClientSpanId and the subclass is rebuilt from it when a work item comes
/// back; otherwise the child's trace would be cut from its parent's.
/// And a failed orchestration's details go into its ExecutionCompleted event, the only place the
/// provider keeps them (the sidecar reports them only in a status the provider does not store).
/// And two repairs for storage outages (docs/reliability.md, "An outage while an activity runs"): an activity that could
/// not be abandoned is forgotten by the provider, so it runs again; a start message that comes back is dropped.
/// And the sidecar is never handed two activities of one instance with the same task id at once (<see cref="OneActivityPerTaskIdAsync"/>).
/// </summary>
public class OrchestrationServiceProxy : DispatchProxy
{
    private IOrchestrationService inner = null!;
    private int maxOrchestrations;
    private int maxActivities;
    private static readonly TimeSpan HeldBackActivityPause = TimeSpan.FromMilliseconds(200);
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IDictionary? activeActivities;

    // Running activities by the sidecar's key for them (instance id and task id) → the work item's id.
    private readonly ConcurrentDictionary<string, string> runningActivities = new(StringComparer.Ordinal);

    /// <summary>True once the sidecar started dispatching (so it will also stop the provider).</summary>
    public bool Started { get; private set; }

    /// <summary>Completes when the provider's StopAsync has completed.</summary>
    public Task Stopped => stopped.Task;

    public static (IOrchestrationService Service, OrchestrationServiceProxy Proxy) Wrap(IOrchestrationService inner, int maxOrchestrations, int maxActivities)
    {
        var service = Create<IOrchestrationService, OrchestrationServiceProxy>();
        var proxy = (OrchestrationServiceProxy)service;
        proxy.inner = inner;
        proxy.maxOrchestrations = maxOrchestrations;
        proxy.maxActivities = maxActivities;
        proxy.activeActivities = ActiveActivities(inner);
        return (service, proxy);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        switch (targetMethod.Name)
        {
            case "get_" + nameof(IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems):
                return maxOrchestrations;
            case "get_" + nameof(IOrchestrationService.MaxConcurrentTaskActivityWorkItems):
                return maxActivities;
            case nameof(IOrchestrationService.StartAsync):
                Started = true;
                break;
            case nameof(IOrchestrationService.LockNextTaskOrchestrationWorkItemAsync):
                return WithTraceContextsAsync((Task<TaskOrchestrationWorkItem>)Call(targetMethod, args)!);
            case nameof(IOrchestrationService.CompleteTaskOrchestrationWorkItemAsync):
                foreach (var message in args!.OfType<IEnumerable<TaskMessage>>().SelectMany(messages => messages).Concat(args!.OfType<TaskMessage>()))
                {
                    PlainTags(message);
                }

                if (args!.OfType<OrchestrationRuntimeState>().FirstOrDefault() is { } state)
                {
                    ReplaceEvents(state, PlainCreatedEvent);
                    if (args!.OfType<OrchestrationState>().FirstOrDefault() is { FailureDetails: { } failure })
                    {
                        ReplaceEvents(state, historyEvent => WithFailureDetails(historyEvent, failure));
                    }
                }

                break;
            case nameof(IOrchestrationService.LockNextTaskActivityWorkItem):
                return OneActivityPerTaskIdAsync((Task<TaskActivityWorkItem>)Call(targetMethod, args)!);
            case nameof(IOrchestrationService.CompleteTaskActivityWorkItemAsync):
                return ThenFinishedAsync((Task)Call(targetMethod, args)!, (TaskActivityWorkItem)args![0]!);
            case nameof(IOrchestrationService.AbandonTaskActivityWorkItemAsync):
                return ThenFinishedAsync(AbandonActivityAsync((TaskActivityWorkItem)args![0]!), (TaskActivityWorkItem)args![0]!);
            case nameof(IOrchestrationService.StopAsync):
                var stopping = (Task)Call(targetMethod, args)!;
                _ = stopping.ContinueWith(task => stopped.TrySetResult(), TaskScheduler.Default);
                return stopping;
        }

        return Call(targetMethod, args);
    }

    /// <summary>
    /// An activity that ends while the storage is away can neither be completed nor abandoned, and the Azure Storage
    /// provider then keeps it in its list of running activities for good: each time its message comes back it is taken
    /// for a duplicate ("processed multiple times concurrently") and dropped, and the orchestration waits until the
    /// process restarts (docs/reliability.md, "An outage while an activity runs"). So when abandoning fails, the provider
    /// is made to forget the activity: its message comes back after the visibility timeout and the activity runs again,
    /// as activities may (they run at least once).
    /// </summary>
    private async Task AbandonActivityAsync(TaskActivityWorkItem workItem)
    {
        try
        {
            await inner.AbandonTaskActivityWorkItemAsync(workItem).ConfigureAwait(false);
        }
        catch (Exception) when (activeActivities is not null)
        {
            activeActivities.Remove(workItem.Id); // the provider logged why abandoning failed
        }
    }

    /// <summary>
    /// The sidecar waits for an activity's result under its instance id and task id alone (a TODO in it), but task ids
    /// start again at 0 in each generation of an agreement (it continues as new), and an earlier generation's activity can
    /// come back after a crash while the next generation runs one with the same task id. The sidecar then hands the first
    /// result it gets to whichever was waiting, rejects the other ("Activity not found"), and that activity's message stays
    /// with the provider as running for good, so its orchestration never moves again (seen in the crash storm test). So a
    /// second activity under a key already running is put back (it comes back after the provider's delay) and this fetch
    /// returns nothing; it runs once the first has finished, as activities may run again.
    /// </summary>
    private async Task<TaskActivityWorkItem?> OneActivityPerTaskIdAsync(Task<TaskActivityWorkItem> locking)
    {
        var workItem = await locking.ConfigureAwait(false);
        if (workItem is null || runningActivities.TryAdd(SidecarKey(workItem), workItem.Id))
        {
            return workItem;
        }

        await AbandonActivityAsync(workItem).ConfigureAwait(false);

        // Not at once: a provider that puts it back without a delay (in memory) would hand it out again straight away.
        await Task.Delay(HeldBackActivityPause).ConfigureAwait(false);
        return null;
    }

    private async Task ThenFinishedAsync(Task finishing, TaskActivityWorkItem workItem)
    {
        try
        {
            await finishing.ConfigureAwait(false);
        }
        finally
        {
            // Only its own entry: a work item held back above never had one.
            runningActivities.TryRemove(new KeyValuePair<string, string>(SidecarKey(workItem), workItem.Id));
        }
    }

    private static string SidecarKey(TaskActivityWorkItem workItem) =>
        string.Create(CultureInfo.InvariantCulture, $"{workItem.TaskMessage.OrchestrationInstance.InstanceId}_{workItem.TaskMessage.Event.EventId}");

    private static async Task<TaskOrchestrationWorkItem> WithTraceContextsAsync(Task<TaskOrchestrationWorkItem> locking)
    {
        var workItem = await locking.ConfigureAwait(false);
        DropEarlierExecutionsResponses(workItem);
        if (workItem?.OrchestrationRuntimeState is { ExecutionStartedEvent.ParentTraceContext: { } trace } state
            && ActivityContext.TryParse(trace.TraceParent, trace.TraceState, out var orchestration))
        {
            ReplaceEvents(state, historyEvent => GrpcCreatedEvent(historyEvent, orchestration, trace.TraceState));
        }

        return workItem!;
    }

    /// <summary>
    /// Drops messages DTFx's own dispatcher drops and the sidecar's does not (a TODO in it); the provider still deletes
    /// them with the work item's batch.
    /// From workflow 1.2 an agreement continues as new between phases, and a timer it cancelled, or an escalation it
    /// started, still answers the execution that created it: on the Azure Storage provider one could complete a task of
    /// the same sequence number in the next generation.
    /// And an ExecutionStarted for an execution that has started: the provider sends it again when an episode's history
    /// was committed but the message was not deleted (the storage went away in between). The sidecar would add it to
    /// the history a second time, which DTFx refuses ("Multiple ExecutionStartedEvent found"), and so on each time it
    /// comes back, with every message batched with it: the orchestration would never move again.
    /// </summary>
    private static void DropEarlierExecutionsResponses(TaskOrchestrationWorkItem? workItem)
    {
        if (workItem?.OrchestrationRuntimeState?.OrchestrationInstance?.ExecutionId is not { Length: > 0 } current)
        {
            return;
        }

        // The current execution id comes from the ExecutionStarted in the history: this execution has started.
        workItem.NewMessages = workItem.NewMessages.Where(message =>
            message.Event.EventType switch
            {
                EventType.ExecutionStarted => !SameExecution(message, current),
                EventType.TimerFired or EventType.TaskCompleted or EventType.TaskFailed
                    or EventType.SubOrchestrationInstanceCompleted or EventType.SubOrchestrationInstanceFailed =>
                    string.IsNullOrEmpty(message.OrchestrationInstance?.ExecutionId) || SameExecution(message, current),
                _ => true,
            }).ToList();
    }

    private static bool SameExecution(TaskMessage message, string executionId) =>
        string.Equals(message.OrchestrationInstance?.ExecutionId, executionId, StringComparison.Ordinal);

    private static void PlainTags(TaskMessage message)
    {
        if (message.Event is ExecutionStartedEvent { Tags: { } tags } started && tags is not Dictionary<string, string>)
        {
            started.Tags = tags.Count == 0 ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal);
        }
    }

    /// <summary>Replaces events in all of the state's lists, one replacement for each event however many lists hold it.</summary>
    private static void ReplaceEvents(OrchestrationRuntimeState state, Func<HistoryEvent, HistoryEvent?> replacement)
    {
        var replaced = new Dictionary<HistoryEvent, HistoryEvent>(ReferenceEqualityComparer.Instance);
        foreach (var events in new[] { state.Events, state.PastEvents, state.NewEvents })
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (!replaced.TryGetValue(events[i], out var next) && replacement(events[i]) is { } made)
                {
                    replaced[events[i]] = next = made;
                }

                if (next is not null)
                {
                    events[i] = next;
                }
            }
        }
    }

    /// <summary>The sidecar's created event as the plain DTFx type, with its client span id (all the parent's trace context that is its own).</summary>
    private static SubOrchestrationInstanceCreatedEvent? PlainCreatedEvent(HistoryEvent historyEvent)
    {
        if (historyEvent is not SubOrchestrationInstanceCreatedEvent created || created.GetType() == typeof(SubOrchestrationInstanceCreatedEvent))
        {
            return null;
        }

        var plain = CopyCreatedEvent(created, new SubOrchestrationInstanceCreatedEvent(created.EventId));
        if (string.IsNullOrEmpty(plain.ClientSpanId)
            && created is GrpcSubOrchestrationInstanceCreatedEvent { ParentTraceContext: { } trace }
            && ActivityContext.TryParse(trace.TraceParent, trace.TraceState, out var client))
        {
            plain.ClientSpanId = client.SpanId.ToHexString();
        }

        return plain;
    }

    /// <summary>
    /// A stored created event as the sidecar's own, which hands its trace context to the worker: the
    /// worker gives the span it emits for the sub-orchestration that span id, the one the child's
    /// trace hangs from. Trace id, flags and state are those of the orchestration itself, as the worker made them.
    /// </summary>
    private static GrpcSubOrchestrationInstanceCreatedEvent? GrpcCreatedEvent(HistoryEvent historyEvent, ActivityContext orchestration, string? traceState)
    {
        if (historyEvent is not SubOrchestrationInstanceCreatedEvent { ClientSpanId: { Length: > 0 } spanId } created
            || created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
        {
            return null;
        }

        var traceParent = string.Create(CultureInfo.InvariantCulture, $"00-{orchestration.TraceId.ToHexString()}-{spanId}-{(byte)orchestration.TraceFlags:x2}");
        if (!ActivityContext.TryParse(traceParent, traceState, out _))
        {
            return null;
        }

        var grpc = CopyCreatedEvent(created, new GrpcSubOrchestrationInstanceCreatedEvent(created.EventId));
        grpc.ParentTraceContext = new DistributedTraceContext(traceParent, traceState);
        return grpc;
    }

    private static T CopyCreatedEvent<T>(SubOrchestrationInstanceCreatedEvent from, T to)
        where T : SubOrchestrationInstanceCreatedEvent
    {
        foreach (var property in typeof(SubOrchestrationInstanceCreatedEvent).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.CanRead && property.SetMethod?.IsPublic == true)
            {
                property.SetValue(to, property.GetValue(from));
            }
        }

        return to;
    }

    /// <summary>
    /// The sidecar records a failure's details only in the status it reports, which the Azure Storage
    /// provider does not store; its ExecutionCompleted event carries none. Put them in the event (as
    /// DTFx's own dispatcher does), so they are kept in the history, where
    /// <see cref="OrchestrationClientProxy"/> finds them.
    /// </summary>
    private static ExecutionCompletedEvent? WithFailureDetails(HistoryEvent historyEvent, FailureDetails failure) =>
        historyEvent is ExecutionCompletedEvent { FailureDetails: null } completed
            ? new ExecutionCompletedEvent(completed.EventId, completed.Result, completed.OrchestrationStatus, failure)
            {
                Timestamp = completed.Timestamp,
                IsPlayed = completed.IsPlayed,
            }
            : null;

    /// <summary>The Azure Storage provider's running activities by message id (a private field: checked here, so an upgrade that renames it fails at start).</summary>
    private static IDictionary? ActiveActivities(IOrchestrationService inner)
    {
        if (inner is not AzureStorageOrchestrationService)
        {
            return null;
        }

        return typeof(AzureStorageOrchestrationService).GetField("activeActivitySessions", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(inner) as IDictionary
            ?? throw new InvalidOperationException("DurableTask.AzureStorage no longer keeps its running activities in 'activeActivitySessions': check the outage repair in OrchestrationServiceProxy against the new version.");
    }

    private object? Call(MethodInfo method, object?[]? args) => ProxiedCall.Invoke(method, inner, args);
}
