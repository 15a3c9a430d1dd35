using System.Reflection;
using System.Runtime.ExceptionServices;
using DurableTask.Core;
using DurableTask.Core.History;

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
/// a restart. Both are replaced by the plain DTFx types before the provider sees them.
/// And a failed orchestration's details go into its ExecutionCompleted event, the only place the
/// provider keeps them (the sidecar reports them only in a status the provider does not store).
/// </summary>
public class OrchestrationServiceProxy : DispatchProxy
{
    private IOrchestrationService inner = null!;
    private int maxOrchestrations;
    private int maxActivities;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
            case nameof(IOrchestrationService.CompleteTaskOrchestrationWorkItemAsync):
                foreach (var message in args!.OfType<IEnumerable<TaskMessage>>().SelectMany(messages => messages).Concat(args!.OfType<TaskMessage>()))
                {
                    PlainTags(message);
                }

                if (args!.OfType<OrchestrationRuntimeState>().FirstOrDefault() is { } state)
                {
                    PlainEvents(state.Events);
                    PlainEvents(state.NewEvents);
                    if (args!.OfType<OrchestrationState>().FirstOrDefault() is { FailureDetails: { } failure })
                    {
                        KeepFailureDetails(state, failure);
                    }
                }

                break;
            case nameof(IOrchestrationService.StopAsync):
                var stopping = (Task)Call(targetMethod, args)!;
                _ = stopping.ContinueWith(task => stopped.TrySetResult(), TaskScheduler.Default);
                return stopping;
        }

        return Call(targetMethod, args);
    }

    private static void PlainTags(TaskMessage message)
    {
        if (message.Event is ExecutionStartedEvent { Tags: { } tags } started && tags is not Dictionary<string, string>)
        {
            started.Tags = tags.Count == 0 ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// The sidecar records a failure's details only in the status it reports, which the Azure Storage
    /// provider does not store; its ExecutionCompleted event carries none. Put them in the event (as
    /// DTFx's own dispatcher does), so they are kept in the history, where
    /// <see cref="OrchestrationClientProxy"/> finds them.
    /// </summary>
    private static void KeepFailureDetails(OrchestrationRuntimeState state, FailureDetails failure)
    {
        if (state.NewEvents.OfType<ExecutionCompletedEvent>().FirstOrDefault(completed => completed.FailureDetails is null) is not { } completed)
        {
            return;
        }

        var kept = new ExecutionCompletedEvent(completed.EventId, completed.Result, completed.OrchestrationStatus, failure)
        {
            Timestamp = completed.Timestamp,
            IsPlayed = completed.IsPlayed,
        };
        Replace(state.Events, completed, kept);
        Replace(state.NewEvents, completed, kept);
    }

    private static void Replace(IList<HistoryEvent> events, HistoryEvent old, HistoryEvent replacement)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (ReferenceEquals(events[i], old))
            {
                events[i] = replacement;
            }
        }
    }

    private static void PlainEvents(IList<HistoryEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                var plain = new SubOrchestrationInstanceCreatedEvent(created.EventId);
                foreach (var property in typeof(SubOrchestrationInstanceCreatedEvent).GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.CanRead && property.SetMethod?.IsPublic == true)
                    {
                        property.SetValue(plain, property.GetValue(created));
                    }
                }

                events[i] = plain;
            }
        }
    }

    private object? Call(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }
}
