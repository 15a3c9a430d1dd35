using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>
/// Starts an agreement's orchestration from its read-model row: everything the workflow input needs
/// (policy, creation time, day length, planned date, ladder size) is stored there, so the API and the
/// repair job start agreements the same way. An agreement is started once: starting it again, in any
/// state, throws <see cref="OrchestrationAlreadyExistsException"/> and leaves the running one alone
/// (without dedupe statuses an engine may replace the existing instance).
/// </summary>
public static class AgreementStarter
{
    public static Task StartAsync(DurableTaskClient client, AgreementRecord agreement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(agreement);
        return client.ScheduleNewOrchestrationInstanceAsync(
            nameof(AgreementLifecycle),
            new AgreementLifecycleInput(
                agreement.AgreementId,
                agreement.PolicyName,
                agreement.CreatedAt.UtcDateTime,
                agreement.DayLength,
                agreement.PlannedMoveDate,
                agreement.SupervisorLevels),
            new StartOrchestrationOptions { InstanceId = agreement.AgreementId }.WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]),
            cancellationToken);
    }
}
