using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Maintenance;

namespace Mobilitet.Local.Storage;

/// <summary>
/// The local host's timer for the maintenance jobs (the Functions app has timer triggers): at start
/// and every five minutes, start agreements whose creation was interrupted, and purge the history of
/// withdrawn ones.
/// </summary>
public sealed class MaintenanceService(UnstartedAgreementRepair repair, WithdrawnHistoryPurge purge, DurableTaskClient client) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(MaintenanceSchedule.Interval);
        do
        {
            await repair.RunAsync(client, stoppingToken);
            await purge.RunAsync(client, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
