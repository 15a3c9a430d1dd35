using Microsoft.DurableTask;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Workflow.Activities;

public sealed record MoveInput(string AgreementId, DateTime At, DateOnly MovedOn, string? ToArea);

/// <summary>
/// Stores the actual move date (and the area moved to, if given) in the read model, and when the first
/// milestone falls due (the agreement's next due date while monitoring).
/// </summary>
public sealed class RecordMove(IAgreementRepository agreements) : TaskActivity<MoveInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, MoveInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await agreements.UpdateAsync(
            input.AgreementId,
            new DateTimeOffset(input.At, TimeSpan.Zero),
            agreement =>
            {
                var moved = agreement with { MovedOn = input.MovedOn, ToArea = input.ToArea ?? agreement.ToArea };
                return moved with { NextMilestoneAt = moved.DueAt(Milestones.InOrder[0]) };
            },
            CancellationToken.None);
        return true;
    }
}
