namespace Mobilitet.Workflows.Notifications;

/// <summary>
/// An email ready to send. <see cref="Id"/> is deterministic (agreement, kind, subject), so a
/// retried activity recognises an email it already sent.
/// </summary>
public sealed record EmailMessage(
    string Id,
    string AgreementId,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string Subject,
    string TextBody,
    string HtmlBody,
    IReadOnlyList<EmailLink> Links);

/// <summary>An action link in an email (for instance a supervisor's decision link).</summary>
public sealed record EmailLink(string Label, Uri Url);

/// <summary>Sends an email (SendGrid in Azure; a local outbox when no SendGrid key is configured).</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Remembers which emails were sent, so an activity that runs again does not send twice.
/// </summary>
public interface INotificationLog
{
    /// <summary>True if the email has been sent already; false if it still has to be sent.</summary>
    Task<bool> WasSentAsync(string agreementId, string notificationId, CancellationToken cancellationToken);

    Task MarkSentAsync(string agreementId, string notificationId, DateTimeOffset sentAt, CancellationToken cancellationToken);
}
