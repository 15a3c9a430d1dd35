using Microsoft.DurableTask.Client;
using Mobilitet.Local.Background;
using Mobilitet.Workflows.Hosting.Maintenance;

namespace Mobilitet.Local.Storage;

/// <summary>
/// The local host's timer for the maintenance jobs (the Functions app has timer triggers): each job runs at start and
/// every five minutes in a loop of its own (<see cref="RetryingLoop"/>). A job that fails is logged and tried again
/// with backoff; it never stops the host or the other jobs.
/// </summary>
public sealed partial class MaintenanceService(IEnumerable<IMaintenanceJob> jobs, DurableTaskClient client, ILogger<MaintenanceService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Select(job => RetryingLoop.RunAsync(
            async cancellation => await job.RunAsync(client, cancellation),
            MaintenanceSchedule.Interval,
            Backoff.Default,
            (exception, retryIn) => LogJobFailed(exception, job.GetType().Name, retryIn),
            stoppingToken)));

    [LoggerMessage(Level = LogLevel.Error, Message = "Maintenance job {Job} failed; it runs again in {RetryIn}")]
    private partial void LogJobFailed(Exception exception, string job, TimeSpan retryIn);
}
