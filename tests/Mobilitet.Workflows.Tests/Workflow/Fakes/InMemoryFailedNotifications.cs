using System.Collections.Concurrent;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Failed notifications in memory: one per agreement and notification id.</summary>
public sealed class InMemoryFailedNotifications : IFailedNotifications
{
    private readonly ConcurrentDictionary<(string AgreementId, string NotificationId), FailedNotification> failures = new();

    public Task RecordAsync(FailedNotification failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        failures[(failure.AgreementId, failure.NotificationId)] = failure;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FailedNotification>> ListAsync(int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FailedNotification>>([.. failures.Values.OrderByDescending(failure => failure.FailedAt).Take(max)]);
}
