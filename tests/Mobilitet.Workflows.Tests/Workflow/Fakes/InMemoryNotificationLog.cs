using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Which emails were sent or claimed (claimed: in <c>claimed</c> as well, until marked), in memory.</summary>
public sealed class InMemoryNotificationLog : INotificationLog
{
    private readonly HashSet<(string AgreementId, string NotificationId)> sent = [];
    private readonly HashSet<(string AgreementId, string NotificationId)> claimed = [];
    private readonly Lock gate = new();

    public Task<bool> WasSentAsync(string agreementId, string notificationId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(sent.Contains((agreementId, notificationId)));
        }
    }

    public Task<bool> TryClaimAsync(string agreementId, string notificationId, DateTimeOffset claimedAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(sent.Add((agreementId, notificationId)) && claimed.Add((agreementId, notificationId)));
        }
    }

    public Task ReleaseAsync(string agreementId, string notificationId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (claimed.Remove((agreementId, notificationId)))
            {
                sent.Remove((agreementId, notificationId));
            }
        }

        return Task.CompletedTask;
    }

    public Task MarkSentAsync(string agreementId, string notificationId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            sent.Add((agreementId, notificationId));
            claimed.Remove((agreementId, notificationId));
        }

        return Task.CompletedTask;
    }
}
