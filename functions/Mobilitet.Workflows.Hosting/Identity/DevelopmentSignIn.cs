using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Hosting.Identity;

/// <summary>
/// The local host's development sign-in: the chosen identity (the same principal App Service
/// Authentication would send) kept in a protected, HTTP-only, same-site cookie. Only with the
/// development identity on; the Functions app never has it.
/// </summary>
public sealed class DevelopmentSignIn(IDataProtectionProvider protection, IOptions<IdentityOptions> options)
{
    public const string CookieName = "mobilitet-dev-identity";

    private readonly IDataProtector protector = protection.CreateProtector("Mobilitet.Workflows.DevelopmentSignIn");

    public CurrentUser? Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } cookie)
        {
            return null;
        }

        try
        {
            return ClientPrincipal.Read(protector.Unprotect(cookie), options.Value.MunicipalityClaimType, isDevelopment: true);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // from another key ring or tampered with: not signed in
        }
    }

    public void SignIn(HttpContext context, string id, string name, IEnumerable<string> roles, IEnumerable<string> municipalities)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = ClientPrincipal.Write(id, name, roles, municipalities, options.Value.MunicipalityClaimType);
        context.Response.Cookies.Append(CookieName, protector.Protect(principal), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
    }

    public static void SignOut(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
    }
}
