using Microsoft.DurableTask.Client;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Measurements;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Tests.Workflow.Fakes;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>
/// The monitoring step's branches, each started at a milestone's generation (version 1.2) with a move date that makes
/// the milestone due at once: on track, below threshold, data missing (within the grace period, and past it), the
/// completion after M36 (also with late M36 data), data recorded early (one timer however often it wakes the wait),
/// and a withdrawal while a milestone is awaited.
/// </summary>
public sealed class MonitoringStepTests(WorkflowEngine engine) : IClassFixture<WorkflowEngine>
{
    private static DateOnly MovedMonthsAgo(int months) => WorkflowEngine.Today.AddMonths(-months);

    [Fact]
    public async Task A_milestone_on_track_is_measured_and_the_next_milestone_gets_its_generation()
    {
        var id = await engine.StartMonitoringAsync(Days.TimersCannotFire, Milestone.M3, MovedMonthsAgo(3), onTrack: [Milestone.M3]);

        await engine.WaitForTimelineAsync(id, TimelineKind.MilestoneMeasured, "M3:OnTrack");

        var next = await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint.Milestone == Milestone.M12, "the M12 generation");
        Assert.Equal(5, next.Generation);
        var measurement = Assert.Single(await engine.Measurements.ListAsync(id, CancellationToken.None));
        Assert.Equal((Milestone.M3, MeasurementOutcome.OnTrack), (measurement.Milestone, measurement.Outcome));
        Assert.Equal((IndicatorOrigin.Manual, InMemoryIndicatorStore.Caseworker), (measurement.Source?.Origin, measurement.Source?.EnteredBy));
        var report = await engine.Documents.ReadJsonAsync<MeasurementReport>(id, DocumentNames.Measurement(Milestone.M3), CancellationToken.None);
        Assert.Equal(MeasurementOutcome.OnTrack, report?.Outcome);
        Assert.Equivalent(measurement.Source, report?.Source, strict: true);
        var page = await engine.Documents.ReadHtmlAsync(id, DocumentNames.MeasurementPage(Milestone.M3), CancellationToken.None);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("<h1>Målingsrapport: 3-måneders-målingen</h1>", page, StringComparison.Ordinal);
        Assert.Contains("data-source=\"manual\"", page, StringComparison.Ordinal);
        Assert.Empty(await engine.Escalations.ListAsync(id, CancellationToken.None));
        Assert.Empty(engine.Emails.About(id));
        Assert.Equal(AgreementStatus.Monitoring, (await engine.AgreementAsync(id)).Status);
    }

    [Fact]
    public async Task A_milestone_below_its_threshold_escalates_to_the_first_supervisor_and_monitoring_goes_on()
    {
        var id = await engine.StartMonitoringAsync(Days.TimersCannotFire, Milestone.M12, MovedMonthsAgo(12), below: [Milestone.M12]);

        var escalation = await engine.WaitForEscalationAsync(id, "M12");

        Assert.Equal(EscalationReason.IndicatorBelowThreshold, escalation.Reason);
        Assert.Equal(MeasurementOutcome.BelowThreshold, Outcome(await engine.Measurements.ListAsync(id, CancellationToken.None), Milestone.M12));
        var email = await engine.WaitForEmailAsync(id, NotificationKind.EscalationRaised);
        Assert.Equal([Samples.Supervisor1], email.To);
        Assert.Contains("/decide?token=", email.TextBody, StringComparison.Ordinal);
        await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint.Milestone == Milestone.M36, "the M36 generation, not held back by the escalation");
        Assert.Equal(EscalationStatus.Open, (await engine.Escalations.FindAsync(escalation.EscalationId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Data_that_arrives_within_the_grace_period_completes_the_measurement_without_an_escalation()
    {
        var id = await engine.StartMonitoringAsync(Days.TimersCannotFire, Milestone.M3, MovedMonthsAgo(3));
        await engine.WaitForTimelineAsync(id, TimelineKind.MeasurementReminderSent, "M3");
        var task = Assert.Single(await engine.OpenTasksAsync(id));
        Assert.Equal((TaskKind.MeasurementDataMissing, Milestone.M3), (task.Kind, task.Milestone));
        var reminder = await engine.WaitForEmailAsync(id, NotificationKind.MeasurementDataMissing);
        Assert.Equal([Samples.CaseworkerEmail], reminder.To);
        Assert.Contains("3-måneders-målingen", reminder.Subject, StringComparison.Ordinal);

        await engine.Indicators.SaveAsync(id, Milestone.M3, Samples.OnTrack, CancellationToken.None);
        await engine.RaiseAsync(id, new MeasurementRecorded(Milestone.M3));

        await engine.WaitForTimelineAsync(id, TimelineKind.MilestoneMeasured, "M3:OnTrack");
        await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint.Milestone == Milestone.M12, "the M12 generation");
        Assert.Empty(await engine.OpenTasksAsync(id));
        Assert.Empty(await engine.Escalations.ListAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Missing_data_escalates_after_14_days_and_late_data_still_measures_the_milestone_and_closes_the_escalation()
    {
        var id = await engine.StartMonitoringAsync(Days.TimersFireAtOnce, Milestone.M3, MovedMonthsAgo(3));

        var escalation = await engine.WaitForEscalationAsync(id, "M3-data");
        Assert.Equal(EscalationReason.MeasurementDataMissing, escalation.Reason);
        Assert.Equal(MeasurementOutcome.MissingData, Outcome(await engine.Measurements.ListAsync(id, CancellationToken.None), Milestone.M3));
        Assert.Contains(TimelineKind.MeasurementReminderSent, await engine.KindsAsync(id));
        Assert.Contains(await engine.OpenTasksAsync(id), task => task is { Kind: TaskKind.MeasurementDataMissing, Milestone: Milestone.M3 });
        Assert.Equal([Samples.CaseworkerEmail], engine.EmailsOf(id, NotificationKind.MeasurementDataMissing).First(email => email.Subject.Contains("3-måneders", StringComparison.Ordinal)).To);

        // The next milestones come meanwhile (1 ms a day); M3 stays awaited until its data arrives.
        await engine.Indicators.SaveAsync(id, Milestone.M3, Samples.OnTrack, CancellationToken.None);
        await engine.RaiseAsync(id, new MeasurementRecorded(Milestone.M3));

        await engine.WaitForTimelineAsync(id, TimelineKind.MilestoneMeasured, "M3:OnTrack");
        await engine.WaitForEscalationAsync(id, "M3-data", closed => closed.Status == EscalationStatus.ClosedBySystem);
        await engine.WaitForTasksAsync(id, tasks => !tasks.Any(task => task.Milestone == Milestone.M3), "the M3 tasks to close");

        await engine.RaiseAsync(id, new StopRequested(StopKind.Cancel, "caseworker"));
        await engine.WaitForStatusAsync(id, AgreementStatus.Cancelled);
    }

    [Fact]
    public async Task The_agreement_completes_once_M36_is_measured()
    {
        var id = await engine.StartMonitoringAsync(Days.TimersCannotFire, Milestone.M36, MovedMonthsAgo(36), onTrack: [Milestone.M36]);

        var instance = await engine.WaitForFinishAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(AgreementStatus.Completed, instance.ReadOutputAs<AgreementStatus>());
        Assert.Equal(AgreementStatus.Completed, (await engine.AgreementAsync(id)).Status);
        var kinds = await engine.KindsAsync(id);
        Assert.Equal(TimelineKind.AgreementCompleted, kinds[^1]);
        Assert.Contains(TimelineKind.MilestoneMeasured, kinds);
        Assert.Empty(await engine.OpenTasksAsync(id));
    }

    [Fact]
    public async Task Without_M36_data_the_agreement_escalates_and_completes_only_when_the_data_arrives()
    {
        var id = await engine.StartMonitoringAsync(Days.TimersFireAtOnce, Milestone.M36, MovedMonthsAgo(36));
        await engine.WaitForEscalationAsync(id, "M36-data");
        Assert.Equal(AgreementStatus.Monitoring, (await engine.AgreementAsync(id)).Status);

        await engine.Indicators.SaveAsync(id, Milestone.M36, Samples.OnTrack, CancellationToken.None);
        await engine.RaiseAsync(id, new MeasurementRecorded(Milestone.M36));

        await engine.WaitForStatusAsync(id, AgreementStatus.Completed);
        await engine.WaitForEscalationAsync(id, "M36-data", closed => closed.Status == EscalationStatus.ClosedBySystem);
        await engine.WaitForTasksAsync(id, tasks => tasks.Count == 0, "every task to close");
    }

    [Theory]
    [InlineData(WorkflowVersions.ActedDecisions, 1)]
    [InlineData(WorkflowVersions.SharedDeadlines, 1)]
    [InlineData(WorkflowVersions.Generations, 4)] // 1.2 started a timer for every wake, as its histories hold
    public async Task Data_recorded_before_a_milestone_is_due_wakes_the_wait_without_starting_another_timer(string version, int timers)
    {
        var id = await engine.StartMonitoringAsync(Days.TimersCannotFire, Milestone.M12, MovedMonthsAgo(3), version: version);
        await GenerationAsync(id, _ => true, "the M12 generation to start");
        for (var i = 0; i < 3; i++)
        {
            await engine.Indicators.SaveAsync(id, Milestone.M36, Samples.OnTrack, CancellationToken.None);
            await engine.RaiseAsync(id, new MeasurementRecorded(Milestone.M36));
        }

        // Once an episode has taken all three, a stop gives the generation one more episode, whose history holds the timers.
        await GenerationAsync(id, generation => generation.EventsRaised == 3, "the three measurements to reach the generation");
        await engine.RaiseAsync(id, new StopRequested(StopKind.Cancel, "caseworker"));
        await engine.WaitForStatusAsync(id, AgreementStatus.Cancelled);

        var generation = await GenerationAsync(id, generation => generation.Episodes > 1, "the generation's last episode");
        Assert.Equal(version, generation.Version);
        Assert.Equal(timers, generation.TimersCreated);
        Assert.Empty(await engine.Measurements.ListAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Consent_withdrawn_while_a_milestone_is_awaited_erases_indicators_measurements_documents_and_emails()
    {
        var id = await engine.StartMonitoringAsync(Days.TimersCannotFire, Milestone.M3, MovedMonthsAgo(3));
        await engine.WaitForEmailAsync(id, NotificationKind.MeasurementDataMissing);
        await engine.Indicators.SaveAsync(id, Milestone.M12, Samples.OnTrack, CancellationToken.None);

        await engine.RaiseAsync(id, new StopRequested(StopKind.WithdrawConsent, "caseworker"));

        await engine.WaitForTimelineAsync(id, TimelineKind.PersonalDataErased);
        Assert.Equal(AgreementStatus.ConsentWithdrawn, (await engine.AgreementAsync(id)).Status);
        Assert.Null(await engine.Vault.FindAsync(id, CancellationToken.None));
        Assert.Null(await engine.Indicators.FindAsync(id, Milestone.M12, CancellationToken.None));
        Assert.All(await engine.Measurements.ListAsync(id, CancellationToken.None), measurement => Assert.Null(measurement.Values));
        Assert.Empty(engine.Emails.About(id));
        Assert.Empty(await engine.OpenTasksAsync(id));
    }

    private static MeasurementOutcome Outcome(IReadOnlyList<MeasurementRecord> measurements, Milestone milestone) =>
        Assert.Single(measurements, measurement => measurement.Milestone == milestone).Outcome;

    private Task<HistoryMeter.Generation> GenerationAsync(string id, Func<HistoryMeter.Generation, bool> condition, string what) =>
        Eventually.WaitForAsync(() => Task.FromResult(engine.History.GenerationsOf(id) is [.., var last] ? last : null), generation => generation is not null && condition(generation), what)!;
}
