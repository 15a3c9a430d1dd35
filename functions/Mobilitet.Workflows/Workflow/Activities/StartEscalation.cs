using Microsoft.DurableTask;

namespace Mobilitet.Workflows.Workflow.Activities;

/// <param name="Version">The agreement's workflow version, which the escalation runs under.</param>
public sealed record EscalationStart(EscalationInput Escalation, string Version);

/// <summary>Starts an escalation as an orchestration of its own (the engine's client, behind a port).</summary>
public interface IEscalationStarter
{
    /// <summary>Starts <see cref="EscalationWorkflow"/> under the escalation's id; one that already exists is left as it is.</summary>
    Task StartAsync(EscalationStart start, CancellationToken cancellationToken);
}

/// <summary>
/// From version 1.2 an agreement starts its escalations through this activity, not as sub-orchestrations:
/// the engine completes an orchestration, and so continues it as new, only when none of its sub-orchestrations
/// is still running, and an escalation may stay open for months.
/// </summary>
public sealed class StartEscalation(IEscalationStarter starter) : TaskActivity<EscalationStart, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, EscalationStart input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await starter.StartAsync(input, CancellationToken.None);
        return true;
    }
}
