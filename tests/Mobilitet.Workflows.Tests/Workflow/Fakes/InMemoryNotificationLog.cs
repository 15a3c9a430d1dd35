using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Which emails were sent, in memory.</summary>
public sealed class InMemoryNotificationLog : INotificationLog
{
    private readonly HashSet<(string AgreementId, string NotificationId)> sent = [];
    private readonly Lock gate = new();

    public Task<bool> WasSentAsync(string agreementId, string notificationId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(sent.Contains((agreementId, notificationId)));
        }
    }

    public Task MarkSentAsync(string agreementId, string notificationId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            sent.Add((agreementId, notificationId));
        }

        return Task.CompletedTask;
    }
}
