using Microsoft.DurableTask;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Workflow.Activities;

/// <param name="At">Orchestration time of the change (timeline key).</param>
public sealed record EscalationUpdate(EscalationRecord Escalation, DateTime At, TimelineKind Kind, string Actor);

/// <summary>Stores an escalation's state in the read model and notes the step on the agreement's timeline.</summary>
public sealed class SaveEscalation(IEscalationRepository escalations, ITimeline timeline) : TaskActivity<EscalationUpdate, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, EscalationUpdate input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var escalation = input.Escalation;

        // Timeline first: whoever sees the escalation's new state also sees the step on the timeline.
        await timeline.AppendStepOnceAsync(
            escalation.AgreementId,
            new TimelineEntry(new DateTimeOffset(input.At, TimeSpan.Zero), input.Kind, input.Actor, $"{escalation.Subject}:level-{escalation.Level}"),
            CancellationToken.None);
        await escalations.SaveAsync(escalation, CancellationToken.None);
        return true;
    }
}
