using Microsoft.DurableTask.Client;

namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>
/// A job both hosts run on a timer (<see cref="MaintenanceSchedule"/>): the local host runs every
/// registered job; the Functions app has one timer trigger per job, and a test checks it has them all.
/// </summary>
public interface IMaintenanceJob
{
    /// <returns>How many agreements, decisions or instances the job acted on.</returns>
    Task<int> RunAsync(DurableTaskClient client, CancellationToken cancellationToken);
}
