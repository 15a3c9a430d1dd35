using System.Reflection;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Newtonsoft.Json.Linq;

namespace Mobilitet.Local.Engine;

/// <summary>The client interfaces the sidecar looks for in the one it is given: status and messages, query, purge.</summary>
public interface IOrchestrationServiceClients : IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient;

/// <summary>
/// Wraps the client the sidecar answers status queries from. The Azure Storage provider keeps no
/// failure details in its instance table (only a failure's text, as the output), so a failed
/// orchestration would reach the client without them, unlike on the in-memory engine. For a
/// failed state without them this reads them from the instance's history — the ExecutionCompleted
/// event, where <see cref="OrchestrationServiceProxy"/> has them stored — and with them the output
/// the orchestration completed with (the instance table holds the failure's text instead).
/// </summary>
public class OrchestrationClientProxy : DispatchProxy
{
    private IOrchestrationServiceClient inner = null!;

    /// <param name="inner">The provider: a client, query client and purge client (both providers are all three).</param>
    public static IOrchestrationServiceClients Wrap(IOrchestrationServiceClient inner)
    {
        if (inner is not (IOrchestrationServiceQueryClient and IOrchestrationServicePurgeClient))
        {
            throw new ArgumentException($"{inner?.GetType().Name} cannot query or purge instances.", nameof(inner));
        }

        var client = Create<IOrchestrationServiceClients, OrchestrationClientProxy>();
        ((OrchestrationClientProxy)(object)client).inner = inner;
        return client;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var result = Call(targetMethod, args);
        return result switch
        {
            Task<OrchestrationState> state => WithFailureDetailsAsync(state),
            Task<IList<OrchestrationState>> states => WithFailureDetailsAsync(states),
            Task<OrchestrationQueryResult> page when args![0] is OrchestrationQuery { FetchInputsAndOutputs: true } => WithFailureDetailsAsync(page),
            _ => result,
        };
    }

    private async Task<OrchestrationState> WithFailureDetailsAsync(Task<OrchestrationState> reading)
    {
        var state = await reading.ConfigureAwait(false);
        await CompleteAsync(state).ConfigureAwait(false);
        return state;
    }

    private async Task<IList<OrchestrationState>> WithFailureDetailsAsync(Task<IList<OrchestrationState>> reading)
    {
        var states = await reading.ConfigureAwait(false);
        foreach (var state in states ?? [])
        {
            await CompleteAsync(state).ConfigureAwait(false);
        }

        return states!;
    }

    private async Task<OrchestrationQueryResult> WithFailureDetailsAsync(Task<OrchestrationQueryResult> reading)
    {
        var page = await reading.ConfigureAwait(false);
        foreach (var state in page.OrchestrationState)
        {
            await CompleteAsync(state).ConfigureAwait(false);
        }

        return page;
    }

    private async Task CompleteAsync(OrchestrationState? state)
    {
        if (state is not { OrchestrationStatus: OrchestrationStatus.Failed, FailureDetails: null, OrchestrationInstance.InstanceId: { } instanceId })
        {
            return;
        }

        // The history as the provider serialises it (Newtonsoft, default settings): a list of events.
        var history = await inner.GetOrchestrationHistoryAsync(instanceId, state.OrchestrationInstance.ExecutionId).ConfigureAwait(false);
        if (string.IsNullOrEmpty(history)
            || JToken.Parse(history) is not JArray events
            || events.OfType<JObject>().LastOrDefault(IsExecutionCompleted) is not { } completed
            || completed[nameof(ExecutionCompletedEvent.FailureDetails)] is not JObject failure)
        {
            return; // failed before its details were kept
        }

        state.FailureDetails = failure.ToObject<FailureDetails>();
        state.Output = completed.Value<string?>(nameof(ExecutionCompletedEvent.Result));
    }

    private static bool IsExecutionCompleted(JObject historyEvent) =>
        historyEvent.Value<int?>(nameof(HistoryEvent.EventType)) == (int)EventType.ExecutionCompleted;

    private object? Call(MethodInfo method, object?[]? args) => ProxiedCall.Invoke(method, inner, args);
}
