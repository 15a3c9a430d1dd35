namespace Mobilitet.Workflows.Azure.Configuration;

/// <summary>Configuration section "SendGrid". Without an <see cref="ApiKey"/> no SendGrid sender is registered.</summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    /// <summary>The SendGrid API key (from Key Vault in Azure). Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Overrides the API host (default https://api.sendgrid.com), e.g. to point tests at a local endpoint.</summary>
    public Uri? Host { get; set; }
}
