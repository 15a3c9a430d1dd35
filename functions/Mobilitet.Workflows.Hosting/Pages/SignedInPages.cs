using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// What every page for signed-in people starts with: who is asking (with nobody signed in, the local
/// host's development identity sends them to its sign-in page; otherwise a Danish 401 page), the frame
/// around the page (their menu, a message a redirect left, the form token), and the Danish refusal
/// pages (401, 403, 404) the page handlers answer with.
/// </summary>
public sealed class SignedInPages(CurrentUserReader users, PageFrames frames, PageRenderer pages, IOptions<IdentityOptions> identity)
{
    /// <summary>The development sign-in page (local host only).</summary>
    public const string SignInPath = "/log-ind";

    /// <returns>The user and the page's frame; or, when nobody is signed in, the answer to give instead.</returns>
    public async Task<(CurrentUser? User, PageFrame? Frame, IResult? Refusal)> BeginAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (users.Read(context) is { } user)
        {
            return (user, frames.Create(context, user, PageNavigation.For(user)), null);
        }

        if (identity.Value.Development && !identity.Value.HeaderSetByPlatform)
        {
            var back = context.Request.Path + context.Request.QueryString;
            return (null, null, PageResults.SeeOther($"{SignInPath}?returnUrl={Uri.EscapeDataString(back)}"));
        }

        return (null, null, await ErrorAsync(context, null, ErrorPageKind.SignInRequired, StatusCodes.Status401Unauthorized));
    }

    /// <summary>A Danish page saying why not (status by kind), in the user's frame when there is one.</summary>
    public async Task<IResult> ErrorAsync(HttpContext context, CurrentUser? user, ErrorPageKind kind, int status, string? detail = null, string? retryPath = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = user is null ? frames.Create(context) : frames.Create(context, user, PageNavigation.For(user));
        return PageResults.Html(await pages.RenderAsync<ErrorPage, ErrorPageModel>(new ErrorPageModel(kind, retryPath, detail), frame), status);
    }

    public Task<IResult> ForbiddenAsync(HttpContext context, CurrentUser user, string? detail = null) =>
        ErrorAsync(context, user, ErrorPageKind.Forbidden, StatusCodes.Status403Forbidden, detail);
}
