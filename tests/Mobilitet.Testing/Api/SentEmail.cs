namespace Mobilitet.Testing.Api;

/// <summary>One email as the SendGrid endpoint received it.</summary>
public sealed record SentEmail(string NotificationId, IReadOnlyList<string> To, IReadOnlyList<string> Cc, string Subject, string Text, string Html)
{
    public static SentEmail From(ReceivedEmail message) => new(
        message.CustomArgs.TryGetValue("notificationId", out var id) ? id : string.Empty,
        message.To,
        message.Cc,
        message.Subject,
        message.Text,
        message.Html);

    public bool Is(string kind) => NotificationId.StartsWith(kind.ToLowerInvariant(), StringComparison.Ordinal);
}

public static class SentEmails
{
    /// <summary>Emails the SendGrid endpoint received about one agreement (the custom argument carries its id).</summary>
    public static IReadOnlyList<SentEmail> EmailsAbout(this FakeSendGridServer sendGrid, string agreementId)
    {
        ArgumentNullException.ThrowIfNull(sendGrid);
        return sendGrid.Messages
            .Where(message => message.CustomArgs.TryGetValue("agreementId", out var id) && id == agreementId)
            .Select(SentEmail.From)
            .ToList();
    }
}
