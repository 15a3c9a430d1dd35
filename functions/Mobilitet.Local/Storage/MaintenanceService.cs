using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Maintenance;

namespace Mobilitet.Local.Storage;

/// <summary>
/// The local host's timer for the maintenance jobs (the Functions app has timer triggers): at start
/// and every five minutes, each job in turn. A job that fails is logged and tried again next time;
/// it never stops the host or the other jobs.
/// </summary>
public sealed partial class MaintenanceService(IEnumerable<IMaintenanceJob> jobs, DurableTaskClient client, ILogger<MaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(MaintenanceSchedule.Interval);
        do
        {
            foreach (var job in jobs)
            {
                try
                {
                    await job.RunAsync(client, stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogJobFailed(exception, job.GetType().Name);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Maintenance job {Job} failed; it runs again at the next tick")]
    private partial void LogJobFailed(Exception exception, string job);
}
