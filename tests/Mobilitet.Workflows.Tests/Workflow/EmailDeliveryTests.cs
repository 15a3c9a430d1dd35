using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>What happens to each email the workflow sends: archived and on the timeline, or recorded as failed while the workflow goes on.</summary>
public sealed class EmailDeliveryTests(WorkflowEngine engine) : IClassFixture<WorkflowEngine>
{
    [Fact]
    public async Task Emails_refused_for_good_are_failed_notifications_on_the_timeline_and_the_workflow_goes_on()
    {
        var input = await engine.StoreAsync(Days.TimersFireAtOnce);
        var id = input.AgreementId;
        engine.Emails.Refuse(id, NotificationKind.ConsentReminder);
        await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(AgreementLifecycle), input, new StartOrchestrationOptions(id) { Version = WorkflowVersions.Current });

        // The four refused reminders did not stop the consent step: it expired on day 30 and said so.
        await engine.WaitForStatusAsync(id, AgreementStatus.Expired);
        var instance = await engine.WaitForFinishAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Empty(engine.EmailsOf(id, NotificationKind.ConsentReminder));
        var expired = Assert.Single(engine.EmailsOf(id, NotificationKind.ConsentExpired));

        var failed = (await engine.FailedNotifications.ListAsync(100, CancellationToken.None)).Where(failure => failure.AgreementId == id).ToList();
        Assert.Equal(4, failed.Count);
        Assert.All(failed, failure =>
        {
            Assert.Equal(NotificationKind.ConsentReminder, failure.Kind);
            Assert.Equal(400, failure.StatusCode);
            Assert.Equal("personalizations.0.to.0.email", failure.Fields);
        });
        var timeline = await engine.Timeline.ReadAsync(id, CancellationToken.None);
        Assert.Equal(
            failed.Select(failure => failure.NotificationId).Order(),
            timeline.Where(entry => entry.Kind == TimelineKind.EmailFailed).Select(entry => entry.Detail).Order());
        Assert.DoesNotContain(timeline, entry => entry.Kind == TimelineKind.EmailSent && entry.Detail!.StartsWith("consentreminder", StringComparison.Ordinal));
        Assert.Single(timeline, entry => entry is { Kind: TimelineKind.EmailSent } && entry.Detail == expired.Id);
    }

    [Fact]
    public async Task A_sent_email_is_archived_and_on_the_timeline_and_the_archive_is_erased_on_withdrawal()
    {
        var id = await engine.StartAsync(Days.TimersCannotFire, requestedDkk: 50_000m);
        await engine.RaiseAsync(id, new ConsentDecided(Given: true, "caseworker"));
        var request = await engine.WaitForEmailAsync(id, NotificationKind.FinancingDecisionRequested);
        await engine.WaitForTimelineAsync(id, TimelineKind.EmailSent, request.Id);

        var archived = await engine.Documents.ReadJsonAsync<ArchivedEmail>(id, DocumentNames.SentEmail(request.Id), CancellationToken.None);
        Assert.NotNull(archived);
        Assert.Equal(request.Subject, archived.Message.Subject);
        Assert.Equal(request.To, archived.Message.To);
        Assert.Equal(request.TextBody, archived.Message.TextBody);

        await engine.RaiseAsync(id, new StopRequested(StopKind.WithdrawConsent, "caseworker"));
        await engine.WaitForTimelineAsync(id, TimelineKind.PersonalDataErased);

        Assert.Null(await engine.Documents.ReadJsonAsync<ArchivedEmail>(id, DocumentNames.SentEmail(request.Id), CancellationToken.None));
    }
}
