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
/// Remembers which emails were sent, so an activity that runs again does not send twice. An email is claimed just
/// before it goes out; a claim is only given up when the send certainly failed. A claim left by an attempt that died
/// between the claim and the mark (a crash, or storage gone right after the send) counts as sent: whether that email
/// went is unknown, and it is never sent a second time (docs/notifications.md, "Sent at most once").
/// </summary>
public interface INotificationLog
{
    /// <summary>True if the email has been sent or claimed already; false if it still has to be sent.</summary>
    Task<bool> WasSentAsync(string agreementId, string notificationId, CancellationToken cancellationToken);

    /// <summary>Claims the email for sending, just before it goes out; false if it was claimed (or sent) before.</summary>
    Task<bool> TryClaimAsync(string agreementId, string notificationId, DateTimeOffset claimedAt, CancellationToken cancellationToken);

    /// <summary>Gives up a claim after a send that certainly did not get through, so that a retry sends the email.</summary>
    Task ReleaseAsync(string agreementId, string notificationId, CancellationToken cancellationToken);

    Task MarkSentAsync(string agreementId, string notificationId, DateTimeOffset sentAt, CancellationToken cancellationToken);
}
