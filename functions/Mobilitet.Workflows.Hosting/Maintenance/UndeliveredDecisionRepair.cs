using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Hosting.Commands;

namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>
/// No decision is lost to a crash: a decision is recorded before it is handed to its workflow, so a
/// process that dies in between leaves a decision that stands but that the workflow never heard of. This
/// job hands such decisions over. Run on a timer by both hosts; an event the workflow no longer waits for
/// is ignored by it.
/// </summary>
public sealed partial class UndeliveredDecisionRepair(
    IDecisionLog log,
    DecisionDesk desk,
    TimeProvider time,
    ILogger<UndeliveredDecisionRepair> logger) : IMaintenanceJob
{
    /// <summary>Decisions younger than this are left alone: their request may still be handing them over.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <returns>How many decisions were handed over.</returns>
    public async Task<int> RunAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var delivered = 0;
        foreach (var decision in await log.ListUndeliveredAsync(time.GetUtcNow() - Grace, cancellationToken))
        {
            if (await desk.DeliverAsync(client, decision, cancellationToken))
            {
                LogDelivered(decision.AgreementId, decision.Subject);
                delivered++;
            }
        }

        return delivered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agreement {AgreementId}: the decision on {Subject} had not reached its workflow (interrupted); handed it over")]
    private partial void LogDelivered(string agreementId, string subject);
}
