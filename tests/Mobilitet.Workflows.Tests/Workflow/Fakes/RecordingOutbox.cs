using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>The email port: keeps every email "sent", as the outbox does, and forgets an agreement's on erasure.</summary>
public sealed class RecordingOutbox : IOutbox
{
    private readonly List<OutboxEmail> sent = [];
    private readonly Lock gate = new();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (gate)
        {
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
