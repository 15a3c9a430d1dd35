using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>
/// The move step's branches, each started at the move's generation (version 1.2): recorded before the planned date,
/// overdue (task, reminder, escalation, closed by the late move), cancelled while overdue, and the opening wait that
/// continues as new every <see cref="LifecycleRun.HorizonDays"/> policy days.
/// </summary>
public sealed class MoveStepTests(WorkflowEngine engine) : IClassFixture<WorkflowEngine>
{
    private static LifecycleCheckpoint MoveGeneration { get; } = new(LifecyclePhase.Move, null, null, [], [], [], Generation: 2);

    [Fact]
    public async Task A_move_recorded_before_the_planned_date_starts_monitoring_with_the_M3_generation()
    {
        var id = await engine.StartAsync(Days.TimersCannotFire, resume: MoveGeneration);
        var movedOn = WorkflowEngine.Today.AddDays(20);

        await engine.RaiseAsync(id, new MoveRecorded(movedOn, "Viby", "caseworker"));

        var agreement = await engine.WaitForStatusAsync(id, AgreementStatus.Monitoring);
        Assert.Equal(movedOn, agreement.MovedOn);
        Assert.Equal("Viby", agreement.ToArea);
        Assert.Equal(agreement.DueAt(Milestone.M3), agreement.NextMilestoneAt);
        var kinds = await engine.KindsAsync(id);
        Assert.Contains(TimelineKind.MoveRecorded, kinds);
        Assert.DoesNotContain(TimelineKind.MoveReminderSent, kinds);
        Assert.Empty(await engine.OpenTasksAsync(id));
        var monitoring = await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint.Phase == LifecyclePhase.Monitoring, "the M3 generation");
        Assert.Equal((movedOn, Milestone.M3, 3), (monitoring.MovedOn, monitoring.Milestone, monitoring.Generation));
    }

    [Fact]
    public async Task A_move_not_recorded_becomes_a_task_gets_a_reminder_escalates_and_the_late_move_closes_the_escalation()
    {
        var id = await engine.StartAsync(Days.TimersFireAtOnce, resume: MoveGeneration, plannedMoveDate: WorkflowEngine.Today.AddDays(1));

        // The planned date passes: a task; 7 days later a reminder; 30 days later an escalation.
        var escalation = await engine.WaitForEscalationAsync(id, "move");
        Assert.Equal(EscalationReason.MoveOverdue, escalation.Reason);
        Assert.Contains(TimelineKind.MoveReminderSent, await engine.KindsAsync(id));
        var reminder = Assert.Single(engine.EmailsOf(id, NotificationKind.MoveReminder));
        Assert.Equal([Samples.CaseworkerEmail], reminder.To);
        Assert.Contains(Samples.ResidentName, reminder.TextBody, StringComparison.Ordinal);
        var task = Assert.Single(await engine.OpenTasksAsync(id), open => open.Kind == TaskKind.MoveToRecord);
        Assert.Equal(WorkflowEngine.Today.AddDays(1), task.DueDate);
        await engine.WaitForEmailAsync(id, NotificationKind.EscalationRaised, email => email.To.Contains(Samples.Supervisor1));

        await engine.RaiseAsync(id, new MoveRecorded(WorkflowEngine.Today, null, "caseworker"));

        await engine.WaitForTimelineAsync(id, TimelineKind.MoveRecorded);
        await engine.WaitForEscalationAsync(id, "move", closed => closed.Status == EscalationStatus.ClosedBySystem);
        Assert.Equal(WorkflowEngine.Today, (await engine.AgreementAsync(id)).MovedOn);
        await engine.WaitForTasksAsync(id, tasks => !tasks.Any(open => open.Kind is TaskKind.MoveToRecord || open.EscalationId == escalation.EscalationId), "the move's tasks to close");

        await engine.RaiseAsync(id, new StopRequested(StopKind.Cancel, "caseworker"));
        await engine.WaitForStatusAsync(id, AgreementStatus.Cancelled);
    }

    [Fact]
    public async Task Cancelling_while_the_move_is_escalated_cancels_the_escalation_and_closes_every_task()
    {
        var id = await engine.StartAsync(Days.TimersFireAtOnce, resume: MoveGeneration, plannedMoveDate: WorkflowEngine.Today.AddDays(1));
        await engine.WaitForEscalationAsync(id, "move");

        await engine.RaiseAsync(id, new StopRequested(StopKind.Cancel, "caseworker"));

        await engine.WaitForStatusAsync(id, AgreementStatus.Cancelled);
        await engine.WaitForEscalationAsync(id, "move", escalation => escalation.Status == EscalationStatus.Cancelled);
        await engine.WaitForTasksAsync(id, tasks => tasks.Count == 0, "every task to close");
        Assert.DoesNotContain(TimelineKind.MoveRecorded, await engine.KindsAsync(id));
    }

    [Fact]
    public async Task Waiting_months_for_the_planned_date_continues_as_new_every_90_days_and_the_move_is_still_received()
    {
        // 2000 policy days to the planned date at 1 ms a day: many generations of 90 days before it, however slow the machine.
        var id = await engine.StartAsync(Days.TimersFireAtOnce, resume: MoveGeneration, plannedMoveDate: WorkflowEngine.Today.AddDays(2000));

        await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint is { Phase: LifecyclePhase.Move, Generation: >= 5 }, "three more generations of the move");
        await engine.RaiseAsync(id, new MoveRecorded(WorkflowEngine.Today, null, "caseworker"));

        await engine.WaitForTimelineAsync(id, TimelineKind.MoveRecorded);
        await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint.Phase == LifecyclePhase.Monitoring, "monitoring");
        await engine.RaiseAsync(id, new StopRequested(StopKind.Cancel, "caseworker"));
        await engine.WaitForStatusAsync(id, AgreementStatus.Cancelled);
    }
}
