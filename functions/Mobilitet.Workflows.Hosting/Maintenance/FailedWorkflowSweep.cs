using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Failures;

namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>
/// Finds failed orchestrations the read model does not show yet — a workflow that failed before it could
/// report itself (its input could not be read, its report failed too, a replay went wrong) — and records
/// them with the engine's failure details. Run on a timer by both hosts; recording twice changes nothing.
/// </summary>
public sealed class FailedWorkflowSweep(WorkflowFailureRecorder failures, TimeProvider time) : IMaintenanceJob
{
    /// <returns>How many failures were recorded now.</returns>
    public async Task<int> RunAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var recorded = 0;
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Failed], FetchInputsAndOutputs = false };
        await foreach (var failed in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            var details = (await client.GetInstanceAsync(failed.InstanceId, getInputsAndOutputs: true, cancellationToken))?.FailureDetails;
            var failure = details is null ? WorkflowFailure.Create(null, "The engine gave no failure details.") : WorkflowFailure.From(details);
            var at = failed.LastUpdatedAt == default ? time.GetUtcNow() : failed.LastUpdatedAt;
            if (await failures.RecordAsync(failed.InstanceId, at, failure, cancellationToken))
            {
                recorded++;
            }
        }

        return recorded;
    }
}
