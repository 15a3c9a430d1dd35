using System.Reflection;
using System.Runtime.ExceptionServices;
using DurableTask.Core;

namespace Mobilitet.Local.Engine;

/// <summary>
/// Wraps the orchestration service the sidecar dispatches from. It answers the concurrency limits
/// (hard-coded getters in the providers: the core count for the in-memory one) with ours, and it
/// remembers the provider's StopAsync, which the sidecar starts from an async void handler: the
/// host awaits it, so leases are released before the process exits (DESIGN §5). And it gives the
/// tags of a new sub-orchestration a plain dictionary: the sidecar hands over protobuf's MapField,
/// which the Azure Storage provider writes with its type name and then cannot read back, so the
/// sub-orchestration (an escalation) would never start.
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
        if (message.Event is DurableTask.Core.History.ExecutionStartedEvent { Tags: { } tags } started && tags is not Dictionary<string, string>)
        {
            started.Tags = tags.Count == 0 ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal);
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
