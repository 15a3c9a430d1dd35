using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>"Fejlede e-mails": the emails the email service refused for good, newest first (at most <paramref name="MaxShown"/>).</summary>
public sealed record FailedNotificationsPageModel(IReadOnlyList<FailedNotification> Failures, int MaxShown);
