using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;

namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>
/// Purges the orchestration history of agreements whose consent was withdrawn — the agreement's
/// own instance and its escalations' — once they have ended. The data itself is erased by the
/// workflow when consent is withdrawn; this removes the engine's record of it too. Run on a timer
/// by both hosts; purging an instance that is gone already is a no-op.
/// </summary>
public sealed partial class WithdrawnHistoryPurge(
    IAgreementRepository agreements,
    IEscalationRepository escalations,
    ILogger<WithdrawnHistoryPurge> logger) : IMaintenanceJob
{
    /// <returns>How many instances were purged.</returns>
    public async Task<int> RunAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var purged = 0;
        foreach (var agreement in await agreements.ListAsync(null, AgreementStatus.ConsentWithdrawn, cancellationToken))
        {
            var instances = (await escalations.ListAsync(agreement.AgreementId, cancellationToken))
                .Select(escalation => escalation.EscalationId)
                .Append(agreement.AgreementId);
            foreach (var instanceId in instances)
            {
                var result = await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
                purged += result.PurgedInstanceCount;
            }
        }

        if (purged > 0)
        {
            LogPurged(purged);
        }

        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged the history of {Count} orchestration instances of withdrawn agreements")]
    private partial void LogPurged(int count);
}
