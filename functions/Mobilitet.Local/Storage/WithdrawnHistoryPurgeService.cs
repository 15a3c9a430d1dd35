using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Maintenance;

namespace Mobilitet.Local.Storage;

/// <summary>The local host's timer for <see cref="WithdrawnHistoryPurge"/> (the Functions app uses a timer trigger).</summary>
public sealed class WithdrawnHistoryPurgeService(WithdrawnHistoryPurge purge, DurableTaskClient client) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await purge.RunAsync(client, stoppingToken);
        }
    }
}
