using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Functions.Configuration;

/// <summary>
/// Links:PublicBaseUrl when it is set (a custom domain); otherwise the app's default host name,
/// which App Service gives every app as WEBSITE_HOSTNAME, over https.
/// </summary>
public sealed class AppServicePublicBaseAddress(IOptions<EmailLinkOptions> options, IConfiguration configuration) : IPublicBaseAddress
{
    public const string HostNameSetting = "WEBSITE_HOSTNAME";

    public ValueTask<Uri> GetAsync(CancellationToken cancellationToken)
    {
        if (options.Value.PublicBaseUrl is { } configured)
        {
            return ValueTask.FromResult(configured);
        }

        return configuration[HostNameSetting] is { Length: > 0 } hostName
            ? ValueTask.FromResult(new Uri("https://" + hostName))
            : throw new InvalidOperationException($"Neither Links:PublicBaseUrl nor {HostNameSetting} is set: links in emails would have no address.");
    }
}
