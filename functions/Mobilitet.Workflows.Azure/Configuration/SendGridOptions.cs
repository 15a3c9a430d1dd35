namespace Mobilitet.Workflows.Azure.Configuration;

/// <summary>Configuration section "SendGrid". Without an <see cref="ApiKey"/> no SendGrid sender is registered.</summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    /// <summary>The SendGrid API key (from Key Vault in Azure). Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Overrides the API host (default https://api.sendgrid.com), e.g. to point tests at a local endpoint.</summary>
    public Uri? Host { get; set; }

    /// <summary>How many times an email is offered to SendGrid while it answers 429 or 5xx (or cannot be reached) before the send fails.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry; each further retry waits twice as long (exponential backoff).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts, also when SendGrid's Retry-After asks for more.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
