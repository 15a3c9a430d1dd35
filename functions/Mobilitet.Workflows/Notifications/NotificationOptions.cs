namespace Mobilitet.Workflows.Notifications;

/// <summary>Configuration section "Notifications".</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The finance approvers' shared mailbox (a team address, not a resident's).</summary>
    public string FinanceApproverEmail { get; set; } = "finansiering@mobilitet.local";

    /// <summary>The address emails are sent from.</summary>
    public string FromEmail { get; set; } = "no-reply@mobilitet.local";

    public string FromName { get; set; } = "Mobilitetsenheden";
}

/// <summary>Configuration section "Links": where links in emails point.</summary>
public sealed class EmailLinkOptions
{
    public const string Section = "Links";

    /// <summary>
    /// The public address of the app, e.g. https://mobilitet.example.dk (links in emails start here).
    /// Unset: each host's <see cref="IPublicBaseAddress"/> says (the local host: where it listens).
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// When true, a decision is only accepted with a valid decision link (or from a signed-in supervisor).
    /// Azure sets it: there the decision endpoints are reachable without login.
    /// </summary>
    public bool RequireToken { get; set; }
}
