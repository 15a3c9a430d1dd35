using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Hosting.Queries;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Hosting.Telemetry;

/// <summary>
/// Takes the <see cref="WorkflowSnapshot"/> the gauges report, on the maintenance timer of both hosts: one read of the
/// agreements, the escalations and the failed emails, and the caseworkers' open tasks, instead of storage reads on every
/// metric collection. Each process reports the snapshot it took last.
/// </summary>
public sealed class TelemetrySnapshotJob(
    IAgreementRepository agreements,
    IEscalationRepository escalations,
    ITaskBoard tasks,
    IFailedNotifications failedEmails,
    WorkflowMetrics metrics,
    TimeProvider time) : IMaintenanceJob
{
    /// <returns>How many agreements the snapshot counted.</returns>
    public async Task<int> RunAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        using var activity = MobilitetTelemetry.Source.StartActivity("TelemetrySnapshot");
        var takenAt = time.GetUtcNow(); // as of the start of the reads (WorkflowMetrics.Update keeps the latest such)
        var all = await agreements.ListAsync(null, null, cancellationToken);
        var open = await escalations.ReadAllAsync(cancellationToken).CollectAsync(escalation => escalation.Status is EscalationStatus.Open or EscalationStatus.Unresolved);
        var awaitingData = await tasks.ListAwaitingDataAsync(cancellationToken);
        var failed = await failedEmails.ListAsync(int.MaxValue, cancellationToken);
        metrics.Update(WorkflowSnapshot.Of(takenAt, all, open, awaitingData, failed));
        return all.Count;
    }
}
