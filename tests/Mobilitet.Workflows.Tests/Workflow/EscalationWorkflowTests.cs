using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>
/// The escalation ladder on its own (as an agreement's StartEscalation activity starts it): a decision at the first
/// level, every level passing without one (unresolved, still open to a late decision), and a close by the agreement.
/// </summary>
public sealed class EscalationWorkflowTests(WorkflowEngine engine) : IClassFixture<WorkflowEngine>
{
    /// <summary>Version 1.3, as agreements started before 1.4 run it: a follow-up decision just ends the escalation.</summary>
    [Fact]
    public async Task A_supervisor_decides_at_the_first_level_from_the_emailed_link_and_the_decision_is_recorded_with_who_made_it()
    {
        var agreement = await engine.StoreAsync(Days.TimersCannotFire);
        var escalationId = await engine.StartEscalationAsync(agreement, EscalationReason.MoveOverdue, "move", version: WorkflowVersions.SharedDeadlines);
        var email = await engine.WaitForEmailAsync(agreement.AgreementId, NotificationKind.EscalationRaised);
        Assert.Equal([Samples.Supervisor1], email.To);
        Assert.Contains(email.Links, link => link.Url.ToString().Contains($"/decide?token=", StringComparison.Ordinal));
        var task = Assert.Single(await engine.WaitForTasksAsync(agreement.AgreementId, tasks => tasks.Count == 1, "the supervisor's task"));
        Assert.Equal((TaskKind.EscalationToDecide, escalationId, 1), (task.Kind, task.EscalationId, task.Level));

        await engine.RaiseAsync(escalationId, new EscalationDecided(EscalationDecision.FollowUp, "supervisor-level-1"));

        var instance = await engine.WaitForFinishAsync(escalationId);
        Assert.Equal(EscalationStatus.Decided, instance.ReadOutputAs<EscalationStatus>());
        var decided = (await engine.Escalations.FindAsync(escalationId, CancellationToken.None))!;
        Assert.Equal((EscalationStatus.Decided, EscalationDecision.FollowUp, "supervisor-level-1", 1), (decided.Status, decided.Decision, decided.DecidedBy, decided.Level));
        Assert.NotNull(decided.DecidedAt);
        Assert.Contains(await engine.Timeline.ReadAsync(agreement.AgreementId, CancellationToken.None), entry => entry is { Kind: TimelineKind.EscalationDecided, Actor: "supervisor-level-1" });
        Assert.Empty(await engine.OpenTasksAsync(agreement.AgreementId));
        Assert.Single(engine.EmailsOf(agreement.AgreementId, NotificationKind.EscalationRaised));
        Assert.Empty(engine.EmailsOf(agreement.AgreementId, NotificationKind.FollowUpTaskDue));
        Assert.DoesNotContain(TimelineKind.FollowUpOpened, await engine.KindsAsync(agreement.AgreementId));
    }

    [Fact]
    public async Task Without_a_decision_each_level_is_notified_in_turn_then_it_stays_unresolved_and_open_to_a_late_decision()
    {
        var agreement = await engine.StoreAsync(Days.TimersFireAtOnce);
        var escalationId = await engine.StartEscalationAsync(agreement, EscalationReason.FinancingDecisionOverdue, "financing");

        var unresolved = await engine.WaitForEscalationAsync(agreement.AgreementId, "financing", escalation => escalation.Status == EscalationStatus.Unresolved);

        Assert.Equal(2, unresolved.Level);
        Assert.Null(unresolved.LevelDeadline);
        Assert.Equal([1, 2], engine.Escalations.SavesOf(escalationId).Select(save => save.Level).Distinct());
        Assert.Equal(
            [[Samples.Supervisor1], [Samples.Supervisor2]],
            engine.EmailsOf(agreement.AgreementId, NotificationKind.EscalationRaised).Select(email => email.To.ToArray()));
        var kinds = await engine.KindsAsync(agreement.AgreementId);
        Assert.Equal([TimelineKind.EscalationRaised, TimelineKind.EscalationLevelNotified, TimelineKind.EscalationUnresolved], kinds.Where(kind => kind != TimelineKind.EmailSent));
        // One email per level, and the level-1 supervisor hears it moved up (1.4).
        Assert.Equal(3, kinds.Count(kind => kind == TimelineKind.EmailSent));
        Assert.Equal([[Samples.Supervisor1]], engine.EmailsOf(agreement.AgreementId, NotificationKind.EscalationMovedUp).Select(email => email.To.ToArray()));
        Assert.Contains(await engine.OpenTasksAsync(agreement.AgreementId), task => task.EscalationId == escalationId && task.Level == 2);

        await engine.RaiseAsync(escalationId, new EscalationDecided(EscalationDecision.Close, "supervisor-level-2"));

        Assert.Equal(EscalationStatus.Decided, (await engine.WaitForFinishAsync(escalationId)).ReadOutputAs<EscalationStatus>());
        Assert.Equal(EscalationDecision.Close, (await engine.Escalations.FindAsync(escalationId, CancellationToken.None))!.Decision);
        Assert.Empty(await engine.OpenTasksAsync(agreement.AgreementId));
    }

    [Fact]
    public async Task The_agreement_closes_an_escalation_it_no_longer_needs()
    {
        var agreement = await engine.StoreAsync(Days.TimersCannotFire);
        var escalationId = await engine.StartEscalationAsync(agreement, EscalationReason.MoveOverdue, "move");
        await engine.WaitForTasksAsync(agreement.AgreementId, tasks => tasks.Count == 1, "the supervisor's task");

        await engine.RaiseAsync(escalationId, new EscalationClosed(EscalationStatus.ClosedBySystem));

        var instance = await engine.WaitForFinishAsync(escalationId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(EscalationStatus.ClosedBySystem, (await engine.Escalations.FindAsync(escalationId, CancellationToken.None))!.Status);
        Assert.Equal(TimelineKind.EscalationClosedBySystem, (await engine.KindsAsync(agreement.AgreementId))[^1]);
        Assert.Empty(await engine.OpenTasksAsync(agreement.AgreementId));
    }
}
