using Microsoft.DurableTask;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Workflow.Activities;

/// <param name="At">Orchestration time of the step; it orders changes and keys the timeline entry.</param>
/// <param name="Status">The agreement's new status, if the step changes it.</param>
/// <param name="Detail">A code (milestone, reason, level), never free text.</param>
public sealed record ProgressInput(
    string AgreementId,
    DateTime At,
    TimelineKind Kind,
    string Actor,
    AgreementStatus? Status = null,
    string? Detail = null);

/// <summary>Records a lifecycle step: a timeline entry, and the new status in the read model if it changes.</summary>
public sealed class RecordProgress(IAgreementRepository agreements, ITimeline timeline) : TaskActivity<ProgressInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ProgressInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var at = new DateTimeOffset(input.At, TimeSpan.Zero);

        // Timeline first: whoever sees the new status also sees the step that led to it.
        await timeline.AppendStepOnceAsync(input.AgreementId, new TimelineEntry(at, input.Kind, input.Actor, input.Detail), CancellationToken.None);
        if (input.Status is { } status)
        {
            await agreements.UpdateAsync(input.AgreementId, at, agreement => agreement with { Status = status }, CancellationToken.None);
        }

        return true;
    }
}
