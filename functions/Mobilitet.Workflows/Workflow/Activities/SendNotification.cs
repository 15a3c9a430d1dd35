using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Workflow.Activities;

/// <summary>
/// Sends one of the workflow's emails. Recipients and names are looked up here, from the vault,
/// never passed in. An email already marked as sent is not sent again, so a retried activity (or a
/// replayed one after a crash) sends each email once.
/// </summary>
public sealed partial class SendNotification(
    IAgreementRepository agreements,
    IPersonalDataVault vault,
    IMeasurementRepository measurements,
    INotificationLog log,
    IEmailSender sender,
    NotificationComposer composer,
    TimeProvider time,
    ILogger<SendNotification> logger) : TaskActivity<NotificationRequest, bool>
{
    /// <returns>True if the email was sent now; false if it had been sent before or there is no one to send it to.</returns>
    public override async Task<bool> RunAsync(TaskActivityContext context, NotificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await log.WasSentAsync(request.AgreementId, request.NotificationId, CancellationToken.None))
        {
            LogAlreadySent(request.AgreementId, request.NotificationId);
            return false;
        }

        var agreement = await agreements.FindAsync(request.AgreementId, CancellationToken.None);
        var parties = await vault.FindAsync(request.AgreementId, CancellationToken.None);
        if (agreement is null || parties is null)
        {
            // Erased after a withdrawal: nobody may be contacted any more.
            LogNoRecipients(request.AgreementId, request.NotificationId);
            return false;
        }

        var breaches = await BreachesAsync(request);
        var email = await composer.ComposeAsync(new NotificationFacts(request, agreement, parties, breaches), CancellationToken.None);
        await sender.SendAsync(email, CancellationToken.None);
        await log.MarkSentAsync(request.AgreementId, request.NotificationId, time.GetUtcNow(), CancellationToken.None);
        LogSent(request.AgreementId, request.NotificationId);
        return true;
    }

    private async Task<IReadOnlyList<Breach>> BreachesAsync(NotificationRequest request)
    {
        if (request.EscalationReason != EscalationReason.IndicatorBelowThreshold || request.Milestone is not { } milestone)
        {
            return [];
        }

        var all = await measurements.ListAsync(request.AgreementId, CancellationToken.None);
        return all.FirstOrDefault(measurement => measurement.Milestone == milestone)?.Breaches ?? [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent notification {NotificationId} for agreement {AgreementId}")]
    private partial void LogSent(string agreementId, string notificationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} for agreement {AgreementId} was sent before; not sending again")]
    private partial void LogAlreadySent(string agreementId, string notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} for agreement {AgreementId} not sent: the agreement's personal data is gone")]
    private partial void LogNoRecipients(string agreementId, string notificationId);
}
