using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// The local host's development sign-in page (<see cref="SignedInPages.SignInPath"/>) and sign-out
/// (/.auth/logout, App Service Authentication's own address, so the layout links to one place): only
/// with the development identity on; otherwise 404. The Functions app never maps it.
/// </summary>
public sealed class DevelopmentSignInPage(
    DevelopmentSignIn signIn,
    IOptions<IdentityOptions> identity,
    PageRenderer pages,
    PageFrames frames)
{
    private static readonly StringComparer DanishOrder = StringComparer.Create(DanishFormat.Culture, ignoreCase: false);

    private static readonly IReadOnlyList<SelectOption> Municipalities = MunicipalityRegistry.All
        .OrderBy(municipality => municipality.Name, DanishOrder)
        .Select(municipality => new SelectOption(municipality.Code, $"{municipality.Name} ({municipality.Code})"))
        .ToList();

    private bool Available => identity.Value.Development && !identity.Value.HeaderSetByPlatform;

    public async Task<IResult> ShowAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Available)
        {
            return Problems.NotFound();
        }

        var model = new SignInPageModel(Municipalities, null, [], null, ReturnPath(context.Request.Query["returnUrl"]), FieldErrors.None);
        return PageResults.Html(await pages.RenderAsync<SignInPage, SignInPageModel>(model, frames.Create(context)));
    }

    public async Task<IResult> SignInAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Available)
        {
            return Problems.NotFound();
        }

        var (form, refusal) = await FormPost.ReadAsync(context, frames, cancellationToken);
        if (form is null)
        {
            var error = new ErrorPageModel(refusal!.Value.Kind, SignedInPages.SignInPath);
            return PageResults.Html(await pages.RenderAsync<ErrorPage, ErrorPageModel>(error, frames.Create(context)), refusal.Value.Status);
        }

        var errors = new ValidationErrors();
        var name = errors.RequiredText("name", form.Value("name", errors), RequestValidation.NameLength);
        var roles = form.Values("roles").Where(role => Roles.All.Contains(role, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var municipality = form.Value("municipality", errors);
        if (roles.Count == 0)
        {
            errors.Add("roles", "Vælg mindst én rolle.");
        }

        if (municipality is not null)
        {
            RequestValidation.MunicipalityCode("municipality", municipality, errors);
        }
        else if (roles.Any(role => role is Roles.Caseworker or Roles.FinanceApprover or Roles.Supervisor))
        {
            errors.Add("municipality", "Vælg den kommune, du arbejder for.");
        }

        var returnPath = ReturnPath(form.Value("returnUrl", errors));
        if (!errors.IsEmpty)
        {
            var model = new SignInPageModel(Municipalities, name, roles, municipality, returnPath, new FieldErrors(errors.ToDictionary()));
            return PageResults.Html(await pages.RenderAsync<SignInPage, SignInPageModel>(model, frames.Create(context)), StatusCodes.Status400BadRequest);
        }

        // An opaque id, as an Entra object id would be: the name is for display only.
        var id = "dev-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        signIn.SignIn(context, id, name!, roles, municipality is null ? [] : [municipality]);
        return PageResults.SeeOther(returnPath);
    }

    public IResult SignOut(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Available)
        {
            return Problems.NotFound();
        }

        DevelopmentSignIn.SignOut(context);
        return PageResults.SeeOther(SignedInPages.SignInPath);
    }

    // Only a path on this site: a sign-in link must not send anyone elsewhere.
    private static string ReturnPath(string? candidate) =>
        candidate is { Length: > 0 } path && path[0] == '/' && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal)
            ? path
            : "/";
}
