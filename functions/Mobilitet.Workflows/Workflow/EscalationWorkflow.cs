using Microsoft.DurableTask;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow.Activities;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Workflow;

/// <summary>
/// Hands an agreement to humans: notify level N, wait for a decision until the level's deadline,
/// then move to level N+1. After the last level the escalation stays Unresolved — still listed,
/// still open to a decision — until someone decides or the agreement workflow closes it.
/// From version 1.1 the decision is a supervisor's task on the board, due at the level's deadline
/// (moved on per level, kept overdue once unresolved) and closed when the escalation ends.
/// Instance id = escalation id; every decision is recorded with the deciding role and time.
/// </summary>
public sealed class EscalationWorkflow : TaskOrchestrator<EscalationInput, EscalationStatus>
{
    public override async Task<EscalationStatus> RunAsync(TaskOrchestrationContext context, EscalationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return await EscalateAsync(context, input);
        }
        catch (Exception failure)
        {
            await FailureReports.ReportAsync(context, input.EscalationId, failure);
            throw;
        }
    }

    private static async Task<EscalationStatus> EscalateAsync(TaskOrchestrationContext context, EscalationInput input)
    {
        var ladder = EscalationLadder.For(input.Levels, input.DaysPerLevel);
        var decided = context.WaitForExternalEvent<EscalationDecided>(WorkflowEvents.NameOf<EscalationDecided>());
        var closed = context.WaitForExternalEvent<EscalationClosed>(WorkflowEvents.NameOf<EscalationClosed>());
        var escalation = new EscalationRecord
        {
            EscalationId = input.EscalationId,
            AgreementId = input.AgreementId,
            Reason = input.Reason,
            Subject = input.Subject,
            Level = EscalationLadder.FirstLevel,
            Status = EscalationStatus.Open,
            RaisedAt = context.CurrentUtcDateTime,
        };
        var kind = TimelineKind.EscalationRaised;

        foreach (var level in ladder.LevelsInOrder)
        {
            var deadline = input.Clock.After(context.CurrentUtcDateTime, ladder.DaysPerLevel);
            escalation = escalation with { Level = level, LevelDeadline = deadline };
            await SaveAsync(context, escalation, kind, Actors.System);
            if (KeepsTasks(context))
            {
                await context.CallActivityAsync<bool>(
                    nameof(OpenTask),
                    new TaskOpening(input.AgreementId, context.CurrentUtcDateTime, TaskKind.EscalationToDecide, deadline, input.Clock.DateAt(deadline), input.Milestone, input.EscalationId, level),
                    ActivityRetries.Options);
            }

            await context.CallActivityAsync<bool>(
                nameof(SendNotification),
                new NotificationRequest(
                    input.AgreementId,
                    NotificationKind.EscalationRaised,
                    input.Subject,
                    RespondBy: input.Clock.DateAt(deadline),
                    Milestone: input.Milestone,
                    EscalationId: input.EscalationId,
                    EscalationReason: input.Reason,
                    Level: level),
                ActivityRetries.Options);

            using var cancelTimer = new CancellationTokenSource();
            var timer = context.CreateTimer(deadline, cancelTimer.Token);
            var winner = await Task.WhenAny(decided, closed, timer);
            if (winner != timer)
            {
                cancelTimer.Cancel();
                return await EndAsync(context, escalation, decided, closed);
            }

            kind = TimelineKind.EscalationLevelNotified;
        }

        // Every level's deadline has passed: keep it visible and open to a late decision.
        escalation = escalation with { Status = EscalationStatus.Unresolved, LevelDeadline = null };
        await SaveAsync(context, escalation, TimelineKind.EscalationUnresolved, Actors.System);
        await Task.WhenAny(decided, closed);
        return await EndAsync(context, escalation, decided, closed);
    }

    private static async Task<EscalationStatus> EndAsync(
        TaskOrchestrationContext context,
        EscalationRecord escalation,
        Task<EscalationDecided> decided,
        Task<EscalationClosed> closed)
    {
        if (decided.IsCompletedSuccessfully)
        {
            var decision = await decided;
            var final = escalation with
            {
                Status = EscalationStatus.Decided,
                Decision = decision.Decision,
                DecidedBy = decision.Actor,
                DecidedAt = context.CurrentUtcDateTime,
                LevelDeadline = null,
            };
            await SaveAsync(context, final, TimelineKind.EscalationDecided, decision.Actor);
            await CloseTaskAsync(context, final);
            return final.Status;
        }

        var closedBy = await closed;
        var ended = escalation with { Status = closedBy.Status, LevelDeadline = null };
        await SaveAsync(context, ended, TimelineKind.EscalationClosedBySystem, Actors.System);
        await CloseTaskAsync(context, ended);
        return ended.Status;
    }

    /// <summary>Escalations started by an agreement of 1.1 or later (they take its version) keep the task board.</summary>
    private static bool KeepsTasks(TaskOrchestrationContext context) => context.CompareVersionTo(WorkflowVersions.TaskBoard) >= 0;

    private static async Task CloseTaskAsync(TaskOrchestrationContext context, EscalationRecord escalation)
    {
        if (KeepsTasks(context))
        {
            await context.CallActivityAsync<bool>(
                nameof(CloseTasks),
                new TaskClosing(escalation.AgreementId, context.CurrentUtcDateTime, [CaseTask.IdFor(TaskKind.EscalationToDecide, escalationId: escalation.EscalationId)]),
                ActivityRetries.Options);
        }
    }

    private static Task<bool> SaveAsync(TaskOrchestrationContext context, EscalationRecord escalation, TimelineKind kind, string actor) =>
        context.CallActivityAsync<bool>(nameof(SaveEscalation), new EscalationUpdate(escalation, context.CurrentUtcDateTime, kind, actor), ActivityRetries.Options);
}
