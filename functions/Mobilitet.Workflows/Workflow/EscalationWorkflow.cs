using Microsoft.DurableTask;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;
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
/// From version 1.4 the decision acts (<see cref="ActAsync"/>): a follow-up is a task for the caseworker that
/// escalates again if not done in time, an extended monitoring is an extra measurement the agreement schedules,
/// and the agreement is told when the escalation has ended (<see cref="EscalationEnded"/>).
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

            await NotifyAsync(context, input, NotificationKind.EscalationRaised, deadline, level);
            if (level > EscalationLadder.FirstLevel && ActsOnDecisions(context))
            {
                // The supervisor a level below hears that it has moved on (1.4 on, which no agreement ran before this email).
                await NotifyAsync(context, input, NotificationKind.EscalationMovedUp, deadline, level);
            }

            using var cancelTimer = new CancellationTokenSource();
            var timer = context.CreateTimer(deadline, cancelTimer.Token);
            var winner = await Task.WhenAny(decided, closed, timer);
            if (winner != timer)
            {
                cancelTimer.Cancel();
                return await EndAsync(context, input, escalation, decided, closed);
            }

            kind = TimelineKind.EscalationLevelNotified;
        }

        // Every level's deadline has passed: keep it visible and open to a late decision.
        escalation = escalation with { Status = EscalationStatus.Unresolved, LevelDeadline = null };
        await SaveAsync(context, escalation, TimelineKind.EscalationUnresolved, Actors.System);
        await Task.WhenAny(decided, closed);
        return await EndAsync(context, input, escalation, decided, closed);
    }

    private static async Task<EscalationStatus> EndAsync(
        TaskOrchestrationContext context,
        EscalationInput input,
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
            if (ActsOnDecisions(context))
            {
                await ActAsync(context, input, final, closed);
            }

            return final.Status;
        }

        var closedBy = await closed;
        var ended = escalation with { Status = closedBy.Status, LevelDeadline = null };
        await SaveAsync(context, ended, TimelineKind.EscalationClosedBySystem, Actors.System);
        await CloseTaskAsync(context, ended);
        if (ActsOnDecisions(context))
        {
            TellAgreement(context, input.AgreementId, new EscalationEnded(input.EscalationId, Decision: null));
        }

        return ended.Status;
    }

    /// <summary>
    /// Does what the decision says (version 1.4 on), then tells the agreement the escalation has ended. Acknowledged and
    /// close need nothing more (a close's note is in the vault). The decision is acted on whenever it arrives: at any
    /// level, or after the escalation became unresolved.
    /// </summary>
    private static async Task ActAsync(TaskOrchestrationContext context, EscalationInput input, EscalationRecord decided, Task<EscalationClosed> closed)
    {
        var rules = input.Decisions ?? DecisionRules.Default;
        switch (decided.Decision)
        {
            case EscalationDecision.FollowUp:
                var successor = await FollowUpAsync(context, input, decided, rules, closed);
                TellAgreement(context, input.AgreementId, new EscalationEnded(input.EscalationId, decided.Decision, Successor: successor));
                return;

            case EscalationDecision.ExtendMonitoring when input.Milestone is { } milestone:
                // Counted from the measurement that escalated: the milestone, or an extra measurement of it.
                var extension = new ExtensionRequest(milestone, (input.ExtensionMonths ?? 0) + rules.ExtensionMonths);
                await context.CallActivityAsync<bool>(
                    nameof(RecordProgress),
                    new ProgressInput(input.AgreementId, context.CurrentUtcDateTime, TimelineKind.MonitoringExtended, decided.DecidedBy ?? Actors.System, Status: null, Extension.Label(milestone, extension.Months)),
                    ActivityRetries.Options);
                TellAgreement(context, input.AgreementId, new EscalationEnded(input.EscalationId, decided.Decision, Extend: extension));
                return;

            default:
                // Acknowledged, close, or an extension of an escalation that is about no milestone (financing, the move): recorded, nothing more.
                TellAgreement(context, input.AgreementId, new EscalationEnded(input.EscalationId, decided.Decision));
                return;
        }
    }

    /// <summary>
    /// Puts a follow-up task on the caseworker's board, due after the policy's follow-up days, and emails them. Done in
    /// time, or the escalation closed by the agreement (its subject resolved, or the agreement stopped): nothing more.
    /// Not done by the deadline: the task is closed and a new escalation (<see cref="EscalationReason.FollowUpOverdue"/>)
    /// is started like any other, about the same milestone; its id is returned.
    /// </summary>
    private static async Task<string?> FollowUpAsync(TaskOrchestrationContext context, EscalationInput input, EscalationRecord decided, DecisionRules rules, Task<EscalationClosed> closed)
    {
        var due = input.Clock.After(context.CurrentUtcDateTime, rules.FollowUpDays);
        var taskId = CaseTask.IdFor(TaskKind.FollowUp, escalationId: input.EscalationId);
        await context.CallActivityAsync<bool>(
            nameof(OpenTask),
            new TaskOpening(input.AgreementId, context.CurrentUtcDateTime, TaskKind.FollowUp, due, input.Clock.DateAt(due), input.Milestone, input.EscalationId),
            ActivityRetries.Options);
        await context.CallActivityAsync<bool>(
            nameof(SendNotification),
            new NotificationRequest(
                input.AgreementId,
                NotificationKind.FollowUpTaskDue,
                $"followup-{input.Subject}",
                RespondBy: input.Clock.DateAt(due),
                Milestone: input.Milestone,
                EscalationId: input.EscalationId,
                EscalationReason: input.Reason),
            ActivityRetries.Options);
        await SaveAsync(context, decided, TimelineKind.FollowUpOpened, Actors.System);

        var done = context.WaitForExternalEvent<FollowUpDone>(WorkflowEvents.NameOf<FollowUpDone>());
        using var cancelTimer = new CancellationTokenSource();
        var timer = context.CreateTimer(due, cancelTimer.Token);
        var winner = await Task.WhenAny(done, closed, timer);
        if (winner != timer)
        {
            cancelTimer.Cancel();
        }

        await context.CallActivityAsync<bool>(nameof(CloseTasks), new TaskClosing(input.AgreementId, context.CurrentUtcDateTime, [taskId]), ActivityRetries.Options);
        if (winner == done)
        {
            await SaveAsync(context, decided, TimelineKind.FollowUpDone, (await done).Actor);
            return null;
        }

        if (winner == closed)
        {
            return null;
        }

        await SaveAsync(context, decided, TimelineKind.FollowUpOverdue, Actors.System);
        var subject = $"{input.Subject}-followup";
        var successor = input with
        {
            EscalationId = EscalationIds.For(input.AgreementId, subject),
            Reason = EscalationReason.FollowUpOverdue,
            Subject = subject,
        };
        await context.CallActivityAsync<bool>(nameof(StartEscalation), new EscalationStart(successor, context.Version), ActivityRetries.Options);
        return successor.EscalationId;
    }

    private static Task<bool> NotifyAsync(TaskOrchestrationContext context, EscalationInput input, NotificationKind kind, DateTime deadline, int level) =>
        context.CallActivityAsync<bool>(
            nameof(SendNotification),
            new NotificationRequest(
                input.AgreementId,
                kind,
                input.Subject,
                RespondBy: input.Clock.DateAt(deadline),
                Milestone: input.Milestone,
                EscalationId: input.EscalationId,
                EscalationReason: input.Reason,
                Level: level),
            ActivityRetries.Options);

    /// <summary>Escalations of agreements of 1.4 or later act on their decisions and tell the agreement when they end.</summary>
    private static bool ActsOnDecisions(TaskOrchestrationContext context) => context.CompareVersionTo(WorkflowVersions.ActedDecisions) >= 0;

    /// <summary>An agreement that has already ended has no use for it; the engine drops the event.</summary>
    private static void TellAgreement(TaskOrchestrationContext context, string agreementId, EscalationEnded ended) =>
        context.SendEvent(agreementId, WorkflowEvents.NameOf<EscalationEnded>(), ended);

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
