using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>
/// The email port: keeps every email "sent", as the outbox does, and forgets an agreement's on erasure. It can refuse
/// an agreement's emails of one kind the way SendGrid refuses for good (a 4xx).
/// </summary>
public sealed class RecordingOutbox : IOutbox
{
    private readonly List<OutboxEmail> sent = [];
    private readonly HashSet<(string AgreementId, NotificationKind Kind)> refused = [];
    private readonly Lock gate = new();

    /// <summary>From now on, emails of <paramref name="kind"/> about <paramref name="agreementId"/> are refused with 400.</summary>
    public void Refuse(string agreementId, NotificationKind kind)
    {
        lock (gate)
        {
            refused.Add((agreementId, kind));
        }
    }

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (gate)
        {
            if (refused.Any(r => r.AgreementId == message.AgreementId && message.Id.StartsWith(r.Kind.ToString().ToLowerInvariant() + "-", StringComparison.Ordinal)))
            {
                throw new EmailRejectedException($"Refused notification {message.Id}.", 400, "personalizations.0.to.0.email");
            }

            sent.Add(new OutboxEmail(message, DateTimeOffset.UtcNow));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxEmail>> ListAsync(int max, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<OutboxEmail> newestFirst = [.. Enumerable.Reverse(sent).Take(max)];
            return Task.FromResult(newestFirst);
        }
    }

    public Task EraseAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            sent.RemoveAll(email => email.Message.AgreementId == agreementId);
        }

        return Task.CompletedTask;
    }

    /// <summary>The emails about one agreement, in the order they were sent.</summary>
    public IReadOnlyList<EmailMessage> About(string agreementId)
    {
        lock (gate)
        {
            return [.. sent.Select(email => email.Message).Where(message => message.AgreementId == agreementId)];
        }
    }
}
