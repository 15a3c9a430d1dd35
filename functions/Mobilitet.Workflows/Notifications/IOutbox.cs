namespace Mobilitet.Workflows.Notifications;

/// <summary>An email kept in the outbox instead of being sent, with the time it was "sent".</summary>
public sealed record OutboxEmail(EmailMessage Message, DateTimeOffset SentAt);

/// <summary>
/// Where emails go when no SendGrid key is configured: kept in storage so a person can read them
/// and click their links (the local host serves them at GET /api/outbox). It holds personal data,
/// so it is erased with the rest of an agreement's data.
/// </summary>
public interface IOutbox : IEmailSender
{
    /// <summary>The newest emails first.</summary>
    Task<IReadOnlyList<OutboxEmail>> ListAsync(int max, CancellationToken cancellationToken);

    Task EraseAsync(string agreementId, CancellationToken cancellationToken);
}
