using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Hosting.Identity;

/// <summary>
/// Who is asking: the X-MS-CLIENT-PRINCIPAL header when it can be trusted (set by App Service
/// Authentication in Azure; from any client in the local host's development identity; else only from a
/// configured identity proxy), or the development sign-in cookie. Null: nobody is signed in.
/// </summary>
public sealed class CurrentUserReader(IOptions<IdentityOptions> options, DevelopmentSignIn developmentSignIn)
{
    public CurrentUser? Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        if (context.Request.Headers[ClientPrincipal.HeaderName] is { Count: 1 } header && TrustsHeader(context, settings))
        {
            return ClientPrincipal.Read(header[0], settings.MunicipalityClaimType, isDevelopment: settings.Development);
        }

        return settings.Development && !settings.HeaderSetByPlatform ? developmentSignIn.Read(context) : null;
    }

    private static bool TrustsHeader(HttpContext context, IdentityOptions settings) =>
        settings.HeaderSetByPlatform
        || settings.Development
        || (context.Connection.RemoteIpAddress is { } remote
            && settings.TrustedProxies.Any(proxy => IPAddress.TryParse(proxy, out var trusted) && trusted.Equals(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)));
}
