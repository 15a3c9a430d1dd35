using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Activities;

namespace Mobilitet.Workflows.Hosting.Commands;

/// <summary>Starts escalations with the engine's client (the local host's from DI, the Functions app's binding).</summary>
public sealed class ClientEscalationStarter(DurableTaskClient client) : IEscalationStarter
{
    public async Task StartAsync(EscalationStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var id = start.Escalation.EscalationId;

        // A retried activity finds the escalation it already started: the id is deterministic.
        if (await client.GetInstanceAsync(id, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(EscalationWorkflow),
                start.Escalation,
                new StartOrchestrationOptions(id) { Version = start.Version },
                cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Started meanwhile by an earlier attempt of this same activity; anything else fails the attempt.
            if (await client.GetInstanceAsync(id, CancellationToken.None) is null)
            {
                throw;
            }
        }
    }
}
