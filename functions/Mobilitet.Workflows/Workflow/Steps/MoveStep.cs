using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow.Activities;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Workflow.Steps;

/// <summary>
/// The move: the caseworker records the actual move date. When the planned date comes without a
/// recorded move, recording it becomes a task on the caseworker's board (due that date, so overdue from
/// then on); a reminder goes out when the planned date has passed by the policy's margin, an escalation
/// when the move is long overdue; the step keeps waiting for the move after all of them.
/// </summary>
public sealed class MoveStep(LifecycleRun run)
{
    private const string Subject = "move";

    /// <returns>The actual move date.</returns>
    public async Task<DateOnly> RunAsync()
    {
        var rules = run.Policy.Move;
        var planned = run.Clock.StartOf(run.Input.PlannedMoveDate);
        var remindAt = run.Clock.After(planned, rules.ReminderDaysAfterPlannedDate);
        var escalateAt = run.Clock.After(planned, rules.EscalationDaysOverdue);

        // From 1.1 the step first waits for the planned date (a 1.0 run goes straight to the reminder's wait).
        // From 1.2 that wait may span generations (it can last up to two years).
        var move = run.KeepsTasks ? await run.WaitOpeningAsync<MoveRecorded>(planned) : new Waited<MoveRecorded>(Received: false, Event: null);
        if (move.TimedOutFirst)
        {
            await run.OpenTaskAsync(TaskKind.MoveToRecord, due: planned, dueDate: run.Input.PlannedMoveDate);
            move = await run.WaitAsync<MoveRecorded>(remindAt);
        }

        if (move.TimedOutFirst)
        {
            await run.NotifyAsync(NotificationKind.MoveReminder, Subject, respondBy: escalateAt);
            await run.ProgressAsync(TimelineKind.MoveReminderSent);
            move = await run.WaitAsync<MoveRecorded>(escalateAt);
        }

        if (move.TimedOutFirst)
        {
            await run.EscalateAsync(EscalationReason.MoveOverdue, Subject);
            move = await run.WaitAsync<MoveRecorded>(until: null);
        }

        run.CloseEscalation(Subject);
        await run.CloseTaskAsync(TaskKind.MoveToRecord);
        var moved = move.Event!;
        await run.CallAsync<bool>(nameof(RecordMove), new MoveInput(run.AgreementId, run.Now, moved.MovedOn, moved.ToArea));
        await run.ProgressAsync(TimelineKind.MoveRecorded, AgreementStatus.Monitoring, moved.Actor);
        return moved.MovedOn;
    }
}
