using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Web.Rendering;

/// <summary>
/// Makes the <see cref="PageFrame"/> of a request (its form token, the notice a redirect left) and checks
/// the token of a form post. Forms are protected with ASP.NET Core antiforgery: the token pairs a hidden
/// field (<see cref="Shared.AntiforgeryField"/>) with a cookie, both protected by Data Protection, whose
/// key ring the hosts share (see Hosting's composition).
/// </summary>
public sealed class PageFrames(IAntiforgery antiforgery)
{
    /// <param name="user">The signed-in user; null where nobody is (an email link).</param>
    /// <param name="navigation">The main-menu sections the user may open.</param>
    public PageFrame Create(HttpContext context, CurrentUser? user = null, NavigationSections navigation = NavigationSections.None)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new PageFrame
        {
            User = user,
            Navigation = user is null ? NavigationSections.None : navigation,
            Notice = PageResults.TakeNotice(context),
            Antiforgery = tokens.RequestToken is { } token ? new AntiforgeryToken(tokens.FormFieldName, token) : null,
        };
    }

    /// <summary>Whether a form post carries a valid antiforgery token (its form field and cookie). Reads the form.</summary>
    public Task<bool> IsValidPostAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return antiforgery.IsRequestValidAsync(context);
    }
}
