using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>The consent step's branches: given, declined, expired, withdrawn and cancelled while its timer runs.</summary>
public sealed class ConsentStepTests(WorkflowEngine engine) : IClassFixture<WorkflowEngine>
{
    [Fact]
    public async Task Consent_given_closes_the_consent_task_and_moves_on_to_financing()
    {
        var id = await engine.StartAsync(Days.TimersCannotFire);
        var task = Assert.Single(await engine.WaitForTasksAsync(id, tasks => tasks.Count == 1, "the consent task"));
        Assert.Equal(TaskKind.ConsentToRecord, task.Kind);
        Assert.Equal(WorkflowEngine.Today.AddDays(30), task.DueDate);

        await engine.RaiseAsync(id, new ConsentDecided(Given: true, "caseworker"));

        await engine.WaitForStatusAsync(id, AgreementStatus.AwaitingMove);
        var timeline = await engine.Timeline.ReadAsync(id, CancellationToken.None);
        Assert.Contains(timeline, entry => entry is { Kind: TimelineKind.ConsentGiven, Actor: "caseworker" });
        Assert.DoesNotContain(timeline, entry => entry.Kind == TimelineKind.ConsentReminderSent);
        Assert.DoesNotContain(await engine.OpenTasksAsync(id), open => open.Kind == TaskKind.ConsentToRecord);
        Assert.Empty(engine.EmailsOf(id, NotificationKind.ConsentReminder));
    }

    [Fact]
    public async Task A_declined_consent_ends_the_agreement_before_financing()
    {
        var id = await engine.StartAsync(Days.TimersCannotFire);

        await engine.RaiseAsync(id, new ConsentDecided(Given: false, "caseworker"));

        var instance = await engine.WaitForFinishAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(AgreementStatus.Declined, instance.ReadOutputAs<AgreementStatus>());
        var agreement = await engine.WaitForStatusAsync(id, AgreementStatus.Declined);
        Assert.Null(agreement.FinancingRoute);
        var kinds = await engine.KindsAsync(id);
        Assert.Equal(TimelineKind.ConsentDeclined, kinds[^1]);
        Assert.DoesNotContain(kinds, kind => kind.ToString().StartsWith("Financing", StringComparison.Ordinal));
        Assert.Empty(await engine.OpenTasksAsync(id));
    }

    [Fact]
    public async Task Without_consent_the_resident_is_reminded_on_days_7_14_21_and_28_and_the_agreement_expires_on_day_30()
    {
        var id = await engine.StartAsync(Days.TimersFireAtOnce);

        await engine.WaitForStatusAsync(id, AgreementStatus.Expired);

        var kinds = await engine.KindsAsync(id);
        Assert.Equal(4, kinds.Count(kind => kind == TimelineKind.ConsentReminderSent));
        Assert.Equal(TimelineKind.ConsentExpired, kinds[^1]);
        var reminders = engine.EmailsOf(id, NotificationKind.ConsentReminder);
        Assert.Equal(4, reminders.Select(email => email.Id).Distinct().Count());
        Assert.All(reminders, email =>
        {
            Assert.Equal([Samples.ResidentEmail], email.To);
            Assert.Equal([Samples.CaseworkerEmail], email.Cc);
            Assert.Contains("Kære " + Samples.ResidentName, email.TextBody, StringComparison.Ordinal);
        });
        var notice = Assert.Single(engine.EmailsOf(id, NotificationKind.ConsentExpired));
        Assert.Equal([Samples.CaseworkerEmail], notice.To);
        Assert.Empty(await engine.OpenTasksAsync(id));
    }

    [Fact]
    public async Task A_withdrawal_while_consent_is_awaited_ends_the_agreement_and_erases_its_personal_data()
    {
        var id = await engine.StartAsync(Days.TimersCannotFire);
        await engine.RegisterRows.SaveAsync(id, [Registers.Extracts.Amount(new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31), taxPaid: 100m)], [], CancellationToken.None);

        await engine.RaiseAsync(id, new StopRequested(StopKind.WithdrawConsent, "caseworker"));

        await engine.WaitForTimelineAsync(id, TimelineKind.PersonalDataErased);
        var agreement = await engine.AgreementAsync(id);
        Assert.Equal(AgreementStatus.ConsentWithdrawn, agreement.Status);
        Assert.Null(agreement.Baseline);
        Assert.Null(await engine.Vault.FindAsync(id, CancellationToken.None));
        Assert.False(await engine.PersonKeys.ContainsAsync("0751", id, CancellationToken.None));
        Assert.True((await engine.RegisterRows.ReadAsync(id, CancellationToken.None)).IsEmpty);
        Assert.Contains(await engine.Timeline.ReadAsync(id, CancellationToken.None), entry => entry is { Kind: TimelineKind.ConsentWithdrawn, Actor: "caseworker" });
        Assert.Empty(await engine.OpenTasksAsync(id));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await engine.WaitForFinishAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task Cancelling_while_the_consent_timer_runs_ends_the_orchestration_and_keeps_the_personal_data()
    {
        var id = await engine.StartAsync(Days.TimersCannotFire);
        await engine.WaitForTasksAsync(id, tasks => tasks.Count == 1, "the consent task");

        await engine.RaiseAsync(id, new StopRequested(StopKind.Cancel, "caseworker"));

        var instance = await engine.WaitForFinishAsync(id);
        Assert.Equal(AgreementStatus.Cancelled, instance.ReadOutputAs<AgreementStatus>());
        Assert.Equal(AgreementStatus.Cancelled, (await engine.WaitForStatusAsync(id, AgreementStatus.Cancelled)).Status);
        Assert.Equal(TimelineKind.AgreementCancelled, (await engine.KindsAsync(id))[^1]);
        Assert.Empty(await engine.OpenTasksAsync(id));
        Assert.NotNull(await engine.Vault.FindAsync(id, CancellationToken.None));
        Assert.True(await engine.PersonKeys.ContainsAsync("0751", id, CancellationToken.None));
    }
}
