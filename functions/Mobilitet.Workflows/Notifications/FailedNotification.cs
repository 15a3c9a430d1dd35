namespace Mobilitet.Workflows.Notifications;

/// <summary>
/// An email the email service refused for good, for administrators to see (ids, codes, the status and field
/// names; no address, no text, so it holds no personal data).
/// </summary>
public sealed record FailedNotification(
    string AgreementId,
    string NotificationId,
    NotificationKind Kind,
    int StatusCode,
    string Fields,
    DateTimeOffset FailedAt);

/// <summary>The failed notifications (table FailedNotifications): one row per agreement and notification id.</summary>
public interface IFailedNotifications
{
    /// <summary>Records a failure; recording the same notification again keeps one row (the latest).</summary>
    Task RecordAsync(FailedNotification failure, CancellationToken cancellationToken);

    /// <summary>The newest failures first.</summary>
    Task<IReadOnlyList<FailedNotification>> ListAsync(int max, CancellationToken cancellationToken);
}
