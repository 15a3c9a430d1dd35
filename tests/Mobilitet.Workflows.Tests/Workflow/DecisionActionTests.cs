using Microsoft.DurableTask.Client;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Tests.Registers;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>
/// Version 1.4: every escalation decision does what it says. A follow-up is a task for the caseworker (done in time:
/// nothing more; not done: a new escalation); an extended monitoring is an extra measurement the agreement takes at its
/// date against the milestone's thresholds, and the agreement completes only after it; decisions act whenever they
/// arrive (at a later level, or once unresolved).
/// </summary>
public sealed class DecisionActionTests(WorkflowEngine engine) : IClassFixture<WorkflowEngine>
{
    private static readonly CurrentUser Caseworker = new("cw-1", "Søren", new HashSet<string> { Roles.Caseworker }, new HashSet<string> { "0751" });

    /// <summary>standard-v1's baseline draw is 200 000 kr.; M3 allows 1.15 × (230 000), M12 1.00 ×, M36 0.90 ×.</summary>
    private const decimal MonthlyDrawWithinM3ButAboveM12 = 220_000m / 12;

    private const decimal MonthlyDrawAboveEveryThreshold = 300_000m / 12;

    private static DateOnly MovedMonthsAgo(int months) => WorkflowEngine.Today.AddMonths(-months);

    [Fact]
    public async Task A_follow_up_is_a_task_on_the_caseworkers_board_due_after_the_policys_days_and_done_in_time_it_ends_there()
    {
        var agreement = await engine.StoreAsync(Days.TimersCannotFire);
        var escalationId = await engine.StartEscalationAsync(agreement, EscalationReason.IndicatorBelowThreshold, "M3", Milestone.M3);
        await engine.WaitForTasksAsync(agreement.AgreementId, tasks => tasks.Any(task => task.Kind == TaskKind.EscalationToDecide), "the supervisor's task");

        await engine.RaiseAsync(escalationId, new EscalationDecided(EscalationDecision.FollowUp, "supervisor-level-1"));

        var task = Assert.Single(await engine.WaitForTasksAsync(agreement.AgreementId, tasks => tasks.Any(task => task.Kind == TaskKind.FollowUp), "the follow-up task"));
        Assert.Equal((Roles.Caseworker, escalationId, Milestone.M3), (task.Role, task.EscalationId, task.Milestone));
        Assert.Equal(PolicyCatalog.StandardV1.Decisions.FollowUpDays * Days.TimersCannotFire, task.DueAt - task.OpenedAt);
        var mine = TaskQuery.ForUser(Caseworker); // what "Mine opgaver" lists for the agreement's caseworker
        Assert.Contains(task.Role, mine.Roles);
        Assert.Contains(task.MunicipalityCode, mine.MunicipalityCodes);
        var email = await engine.WaitForEmailAsync(agreement.AgreementId, NotificationKind.FollowUpTaskDue);
        Assert.Equal([Samples.CaseworkerEmail], email.To);
        await engine.WaitForTimelineAsync(agreement.AgreementId, TimelineKind.FollowUpOpened);

        await engine.RaiseAsync(escalationId, new FollowUpDone(Roles.Caseworker));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await engine.WaitForFinishAsync(escalationId)).RuntimeStatus);
        Assert.Empty(await engine.OpenTasksAsync(agreement.AgreementId));
        var entries = await engine.WaitForTimelineAsync(agreement.AgreementId, TimelineKind.FollowUpDone);
        Assert.Contains(entries, entry => entry is { Kind: TimelineKind.FollowUpDone, Actor: Roles.Caseworker });
        Assert.DoesNotContain(TimelineKind.FollowUpOverdue, entries.Select(entry => entry.Kind));
        Assert.Null(await engine.Escalations.FindAsync(EscalationIds.For(agreement.AgreementId, "M3-followup"), CancellationToken.None));
        Assert.Single(engine.EmailsOf(agreement.AgreementId, NotificationKind.FollowUpTaskDue));
    }

    [Fact]
    public async Task A_follow_up_decided_once_the_escalation_is_unresolved_and_not_done_by_its_deadline_escalates_again()
    {
        var agreement = await engine.StoreAsync(Days.TimersFireAtOnce);
        var escalationId = await engine.StartEscalationAsync(agreement, EscalationReason.IndicatorBelowThreshold, "M12", Milestone.M12);
        await engine.WaitForEscalationAsync(agreement.AgreementId, "M12", escalation => escalation.Status == EscalationStatus.Unresolved);

        await engine.RaiseAsync(escalationId, new EscalationDecided(EscalationDecision.FollowUp, "supervisor-level-2"));

        var again = await engine.WaitForEscalationAsync(agreement.AgreementId, "M12-followup");
        Assert.Equal(EscalationReason.FollowUpOverdue, again.Reason);
        await engine.WaitForFinishAsync(escalationId);
        var kinds = await engine.KindsAsync(agreement.AgreementId);
        Assert.Contains(TimelineKind.FollowUpOpened, kinds);
        Assert.Contains(TimelineKind.FollowUpOverdue, kinds);
        Assert.DoesNotContain(TimelineKind.FollowUpDone, kinds);
        Assert.DoesNotContain(await engine.OpenTasksAsync(agreement.AgreementId), task => task.Kind == TaskKind.FollowUp);
        Assert.Equal(EscalationDecision.FollowUp, (await engine.Escalations.FindAsync(escalationId, CancellationToken.None))!.Decision);
    }

    /// <summary>
    /// The one test whose day is neither "cannot fire" nor "fires at once": a level of 5 policy days lasts 10 s, so the
    /// escalation sits at level 2 long enough to be decided there.
    /// </summary>
    [Fact]
    public async Task A_decision_that_arrives_after_the_escalation_moved_up_a_level_is_acted_on()
    {
        var agreement = await engine.StoreAsync(TimeSpan.FromSeconds(2));
        var escalationId = await engine.StartEscalationAsync(agreement, EscalationReason.MoveOverdue, "move");
        await engine.WaitForEscalationAsync(agreement.AgreementId, "move", escalation => escalation.Level == 2);

        await engine.RaiseAsync(escalationId, new EscalationDecided(EscalationDecision.FollowUp, "supervisor-level-2"));

        var task = (await engine.WaitForTasksAsync(agreement.AgreementId, tasks => tasks.Any(task => task.Kind == TaskKind.FollowUp), "the follow-up task")).Single(task => task.Kind == TaskKind.FollowUp);
        Assert.Equal(escalationId, task.EscalationId);
        var decided = (await engine.Escalations.FindAsync(escalationId, CancellationToken.None))!;
        Assert.Equal((EscalationStatus.Decided, 2), (decided.Status, decided.Level));
        await engine.RaiseAsync(escalationId, new FollowUpDone(Roles.Caseworker));
        await engine.WaitForFinishAsync(escalationId);
    }

    [Fact]
    public async Task Extended_monitoring_measures_the_milestones_indicators_again_at_its_date_against_the_milestones_thresholds()
    {
        // M3 falls due at once; its extension (6 months later) falls due today; M12 in three months, which cannot come.
        var movedOn = MovedMonthsAgo(9);
        var id = await StartBelowWithRowsAsync(Milestone.M3, movedOn, rowsFromMonth: 6, MonthlyDrawWithinM3ButAboveM12);
        var escalation = await engine.WaitForEscalationAsync(id, "M3");
        await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint.Milestone == Milestone.M12, "the M12 generation");

        await engine.RaiseAsync(escalation.EscalationId, new EscalationDecided(EscalationDecision.ExtendMonitoring, "supervisor-level-1"));

        var entries = await engine.WaitForTimelineAsync(id, TimelineKind.ExtensionMeasured);
        Assert.Contains(entries, entry => entry is { Kind: TimelineKind.MonitoringExtended, Detail: "M3+6", Actor: "supervisor-level-1" });
        Assert.Contains(entries, entry => entry is { Kind: TimelineKind.ExtensionMeasured, Detail: "M3+6:OnTrack" });
        var measurements = await engine.Measurements.ListAsync(id, CancellationToken.None);
        var milestone = Assert.Single(measurements, measurement => measurement.ExtensionMonths is null);
        var extension = Assert.Single(measurements, measurement => measurement.ExtensionMonths is not null);
        Assert.Equal((Milestone.M3, MeasurementOutcome.BelowThreshold), (milestone.Milestone, milestone.Outcome));
        Assert.Equal((Milestone.M3, 6, "M3+6", MeasurementOutcome.OnTrack), (extension.Milestone, extension.ExtensionMonths, extension.Label, extension.Outcome));
        Assert.Equal(IndicatorWindow.For(Milestone.M3, movedOn, 6), new IndicatorWindow(extension.Source!.WindowStart, extension.Source.WindowEnd, 3));
        Assert.Equal(AgreementStatus.Monitoring, (await engine.AgreementAsync(id)).Status);
        Assert.Null(await engine.Escalations.FindAsync(EscalationIds.For(id, "M3-ext6"), CancellationToken.None));
    }

    [Fact]
    public async Task An_extension_decided_after_M36_keeps_the_agreement_open_and_its_breach_escalates_before_it_completes()
    {
        // M36 is below its threshold; its extension (six months on) is due today, with a draw above every threshold.
        var movedOn = MovedMonthsAgo(42);
        var id = await StartBelowWithRowsAsync(Milestone.M36, movedOn, rowsFromMonth: 30, MonthlyDrawAboveEveryThreshold);
        var escalation = await engine.WaitForEscalationAsync(id, "M36");
        var waiting = await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint.Phase == LifecyclePhase.Completion, "the completion generation");
        Assert.Equal([escalation.EscalationId], waiting.Undecided);
        Assert.Equal(AgreementStatus.Monitoring, (await engine.AgreementAsync(id)).Status);

        await engine.RaiseAsync(escalation.EscalationId, new EscalationDecided(EscalationDecision.ExtendMonitoring, "supervisor-level-1"));

        // The extra measurement breaches M36's thresholds: a new escalation, which the agreement waits for in turn.
        var breach = await engine.WaitForEscalationAsync(id, "M36-ext6");
        Assert.Equal((EscalationReason.IndicatorBelowThreshold, EscalationStatus.Open), (breach.Reason, breach.Status));
        Assert.Contains(await engine.Timeline.ReadAsync(id, CancellationToken.None), entry => entry is { Kind: TimelineKind.ExtensionMeasured, Detail: "M36+6:BelowThreshold" });
        Assert.Equal(AgreementStatus.Monitoring, (await engine.AgreementAsync(id)).Status);

        await engine.RaiseAsync(breach.EscalationId, new EscalationDecided(EscalationDecision.Close, "supervisor-level-1"));

        var instance = await engine.WaitForFinishAsync(id);
        Assert.Equal(AgreementStatus.Completed, instance.ReadOutputAs<AgreementStatus>());
        var kinds = await engine.KindsAsync(id);
        Assert.Equal(TimelineKind.AgreementCompleted, kinds[^1]);
        Assert.True(kinds.ToList().IndexOf(TimelineKind.ExtensionMeasured) < kinds.ToList().IndexOf(TimelineKind.AgreementCompleted));

        // Settled at the end of the extension, not at M36: after the extra measurement, which settles nothing itself (this
        // agreement starts at M36, so with no M3 measured the early-end rule settles no month and writes the grant off).
        Assert.True(kinds.ToList().IndexOf(TimelineKind.ExtensionMeasured) < kinds.ToList().IndexOf(TimelineKind.FinancingSettled));
        Assert.True(kinds.ToList().IndexOf(TimelineKind.FinancingSettled) < kinds.ToList().IndexOf(TimelineKind.AgreementCompleted));
        Assert.Equal((0, 50_000m), ((await engine.AgreementAsync(id)).Settlement!.MonthsSettled, (await engine.AgreementAsync(id)).Settlement!.WrittenOffDkk));
    }

    [Fact]
    public async Task Acknowledged_closes_a_breach_and_the_agreement_completes_without_another_measurement()
    {
        var id = await engine.StartMonitoringAsync(Days.TimersCannotFire, Milestone.M36, MovedMonthsAgo(36), below: [Milestone.M36]);
        var escalation = await engine.WaitForEscalationAsync(id, "M36");
        await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint.Phase == LifecyclePhase.Completion, "the completion generation");

        await engine.RaiseAsync(escalation.EscalationId, new EscalationDecided(EscalationDecision.Acknowledged, "supervisor-level-1"));

        Assert.Equal(AgreementStatus.Completed, (await engine.WaitForFinishAsync(id)).ReadOutputAs<AgreementStatus>());
        Assert.Equal(EscalationStatus.Decided, (await engine.Escalations.FindAsync(escalation.EscalationId, CancellationToken.None))!.Status);
        Assert.Single(await engine.Measurements.ListAsync(id, CancellationToken.None));
        var kinds = await engine.KindsAsync(id);
        Assert.DoesNotContain(TimelineKind.MonitoringExtended, kinds);
        Assert.DoesNotContain(TimelineKind.FollowUpOpened, kinds);
    }

    [Fact]
    public async Task An_agreement_of_1_3_completes_after_M36_whatever_its_escalation_waits_for()
    {
        var id = await engine.StartMonitoringAsync(Days.TimersCannotFire, Milestone.M36, MovedMonthsAgo(36), below: [Milestone.M36], version: WorkflowVersions.SharedDeadlines);
        var escalation = await engine.WaitForEscalationAsync(id, "M36");

        Assert.Equal(AgreementStatus.Completed, (await engine.WaitForFinishAsync(id)).ReadOutputAs<AgreementStatus>());
        Assert.Equal(EscalationStatus.Open, (await engine.Escalations.FindAsync(escalation.EscalationId, CancellationToken.None))!.Status);
    }

    /// <summary>
    /// Starts an agreement at <paramref name="milestone"/>'s generation with its values (entered by hand) below every threshold,
    /// and register rows for the 12 months from <paramref name="rowsFromMonth"/> after the move, each with the same transfers
    /// (the draw): too few to cover the milestone's window, all of a later one.
    /// </summary>
    private Task<string> StartBelowWithRowsAsync(Milestone milestone, DateOnly movedOn, int rowsFromMonth, decimal monthlyTransfers) =>
        engine.StartMonitoringAsync(
            Days.TimersCannotFire,
            milestone,
            movedOn,
            below: [milestone],
            beforeStart: async agreementId =>
            {
                await engine.FinancedAsync(agreementId, 50_000m, "municipal-fund-v2");
                await engine.RegisterRows.SaveAsync(agreementId, Extracts.Monthly(movedOn.AddMonths(rowsFromMonth), 12, transfers: monthlyTransfers, taxPaid: 5_000m), [], CancellationToken.None);
            });
}
