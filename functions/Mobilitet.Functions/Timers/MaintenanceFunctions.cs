using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Maintenance;

namespace Mobilitet.Functions.Timers;

public sealed class MaintenanceFunctions(WithdrawnHistoryPurge purge)
{
    /// <summary>Purges the orchestration history of agreements whose consent was withdrawn.</summary>
    [Function("Maintenance_PurgeWithdrawnHistory")]
    public Task PurgeWithdrawnHistory(
        [TimerTrigger(WithdrawnHistoryPurge.Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return purge.RunAsync(client, context.CancellationToken);
    }
}
