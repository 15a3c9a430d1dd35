using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Maintenance;

namespace Mobilitet.Functions.Timers;

/// <summary>The maintenance jobs both hosts run on a timer (the local host in MaintenanceService).</summary>
public sealed class MaintenanceFunctions(WithdrawnHistoryPurge purge, UnstartedAgreementRepair repair)
{
    /// <summary>Purges the orchestration history of agreements whose consent was withdrawn.</summary>
    [Function("Maintenance_PurgeWithdrawnHistory")]
    public Task PurgeWithdrawnHistory(
        [TimerTrigger(MaintenanceSchedule.Cron)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return purge.RunAsync(client, context.CancellationToken);
    }

    /// <summary>Starts agreements whose creation was interrupted before their orchestration started.</summary>
    [Function("Maintenance_StartUnstartedAgreements")]
    public Task StartUnstartedAgreements(
        [TimerTrigger(MaintenanceSchedule.Cron, RunOnStartup = true)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return repair.RunAsync(client, context.CancellationToken);
    }
}
