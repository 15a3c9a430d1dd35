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
        // A fact, applied even after a later step's change; the first milestone becomes next only when the move is new
        // (a late repeat must not set a milestone measured since back to M3).
        await agreements.RecordFactAsync(
            input.AgreementId,
            new DateTimeOffset(input.At, TimeSpan.Zero),
            agreement =>
            {
                var moved = agreement with { MovedOn = input.MovedOn, ToArea = input.ToArea ?? agreement.ToArea };
                return agreement.MovedOn is null ? moved with { NextMilestoneAt = moved.DueAt(Milestones.InOrder[0]) } : moved;
            },
            CancellationToken.None);
        return true;
    }
}
