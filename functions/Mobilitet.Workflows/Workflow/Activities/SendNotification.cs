using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Workflow.Activities;

/// <summary>
/// Sends one of the workflow's emails. Recipients and names are looked up here, from the vault,
/// never passed in. Each email is claimed in the notification log just before it goes out, and a
/// claimed email is not sent again, so a retried activity (or one run again after a crash or a storage
/// outage) never sends an email twice; only a send that certainly failed gives its claim up. A sent
/// email is archived with the agreement's documents and listed on its timeline, then marked as sent;
/// an attempt that dies between the claim and the mark leaves an email whose outcome is unknown, which
/// is not sent again (docs/notifications.md). An email the service refuses for good is recorded as a
/// failed notification and on the timeline, and the activity returns normally: the workflow goes on.
/// </summary>
public sealed partial class SendNotification(
    IAgreementRepository agreements,
    IPersonalDataVault vault,
    IMeasurementRepository measurements,
    INotificationLog log,
    IEmailSender sender,
    NotificationComposer composer,
    IDocumentStore documents,
    ITimeline timeline,
    IFailedNotifications failures,
    TimeProvider time,
    ILogger<SendNotification> logger) : TaskActivity<NotificationRequest, bool>
{
    /// <returns>True if the email was sent now; false if it had been sent before, there is no one to send it to, or the service refused it.</returns>
    public override async Task<bool> RunAsync(TaskActivityContext context, NotificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Three independent reads at once (one round trip instead of three). Whether the email went before is not read: the
        // claim below is refused for an email claimed or sent before, which is the rare case (a retried activity).
        var found = agreements.FindAsync(request.AgreementId, CancellationToken.None);
        var foundParties = vault.FindAsync(request.AgreementId, CancellationToken.None);
        var measured = measurements.ListAsync(request.AgreementId, CancellationToken.None);
        await Task.WhenAll(found, foundParties, measured);
        var agreement = await found;
        var parties = await foundParties;
        if (agreement is null || parties is null)
        {
            // Erased after a withdrawal: nobody may be contacted any more.
            LogNoRecipients(request.AgreementId, request.NotificationId);
            return false;
        }

        var all = await measured;
        var email = await composer.ComposeAsync(new NotificationFacts(request, agreement, parties, Breaches(request, all), all), CancellationToken.None);
        if (!await log.TryClaimAsync(request.AgreementId, request.NotificationId, time.GetUtcNow(), CancellationToken.None))
        {
            LogAlreadySent(request.AgreementId, request.NotificationId);
            return false;
        }

        try
        {
            await sender.SendAsync(email, CancellationToken.None);
        }
        catch (Exception e) when (e is not EmailRejectedException)
        {
            // Not accepted (after the sender's own retries): a retry of the activity may send it.
            await log.ReleaseAsync(request.AgreementId, request.NotificationId, CancellationToken.None);
            throw;
        }
        catch (EmailRejectedException e)
        {
            var failedAt = time.GetUtcNow();
            await failures.RecordAsync(new FailedNotification(request.AgreementId, request.NotificationId, request.Kind, e.StatusCode, e.Fields, failedAt), CancellationToken.None);
            await timeline.AppendAsync(request.AgreementId, new TimelineEntry(failedAt, TimelineKind.EmailFailed, "system", request.NotificationId), CancellationToken.None);
            LogRejected(request.AgreementId, request.NotificationId, e.StatusCode);
            return false;
        }

        var sentAt = time.GetUtcNow();
        // Archived and listed at once (independent writes); marked as sent only once both are done.
        await Task.WhenAll(
            documents.SaveJsonAsync(request.AgreementId, DocumentNames.SentEmail(request.NotificationId), new ArchivedEmail(email, sentAt), CancellationToken.None),
            timeline.AppendAsync(request.AgreementId, new TimelineEntry(sentAt, TimelineKind.EmailSent, "system", request.NotificationId), CancellationToken.None));
        await log.MarkSentAsync(request.AgreementId, request.NotificationId, sentAt, CancellationToken.None);
        LogSent(request.AgreementId, request.NotificationId);
        return true;
    }

    private static IReadOnlyList<Breach> Breaches(NotificationRequest request, IReadOnlyList<MeasurementRecord> all)
    {
        if (request.EscalationReason != EscalationReason.IndicatorBelowThreshold || request.Milestone is not { } milestone)
        {
            return [];
        }

        return all.FirstOrDefault(measurement => measurement.Milestone == milestone)?.Breaches ?? [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent notification {NotificationId} for agreement {AgreementId}")]
    private partial void LogSent(string agreementId, string notificationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} for agreement {AgreementId} was sent before; not sending again")]
    private partial void LogAlreadySent(string agreementId, string notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} for agreement {AgreementId} was refused by the email service (HTTP {StatusCode}); recorded as a failed notification")]
    private partial void LogRejected(string agreementId, string notificationId, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} for agreement {AgreementId} not sent: the agreement's personal data is gone")]
    private partial void LogNoRecipients(string agreementId, string notificationId);
}
