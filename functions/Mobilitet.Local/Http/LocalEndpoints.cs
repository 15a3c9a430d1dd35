using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Hosting.Pages;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Local.Http;

/// <summary>Endpoints only the local host has: the outbox a person can read, and the development sign-in.</summary>
public static class LocalEndpoints
{
    public const string Outbox = "outbox";

    public static void MapLocalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/" + ApiRoutes.Prefix);
        api.MapGet(Outbox, ListOutboxAsync);

        // The development sign-in (answers 404 unless the development identity is on).
        endpoints.MapGet(SignedInPages.SignInPath, (HttpContext context, DevelopmentSignInPage page) => page.ShowAsync(context));
        endpoints.MapPost(SignedInPages.SignInPath, (HttpContext context, DevelopmentSignInPage page, CancellationToken ct) => page.SignInAsync(context, ct));
        endpoints.MapGet(UiRoutes.SignOutPath, (HttpContext context, DevelopmentSignInPage page) => page.SignOut(context));
    }

    /// <summary>GET /api/outbox: the emails kept instead of sent, newest first, with their links (administrators: they hold personal data).</summary>
    public static async Task<IResult> ListOutboxAsync(HttpRequest request, IServiceProvider services, CurrentUserReader users, int? max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (users.Read(request.HttpContext) is not { } user)
        {
            return Problems.Unauthorized();
        }

        if (!user.IsIn(Roles.Administrator))
        {
            return Problems.Forbidden("Udbakken indeholder personoplysninger og kan kun ses af administratorer.");
        }

        if (services.GetService<IOutbox>() is not { } outbox)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Udbakken er ikke i brug",
                detail: "E-mails sendes via SendGrid, fordi SendGrid:ApiKey er sat.");
        }

        var emails = await outbox.ListAsync(Math.Clamp(max ?? 200, 1, 1000), cancellationToken);
        return TypedResults.Ok(emails.Select(email => new
        {
            email.Message.AgreementId,
            email.Message.Id,
            email.Message.To,
            email.Message.Cc,
            email.Message.Subject,
            email.SentAt,
            Body = email.Message.TextBody,
            Links = email.Message.Links.Select(link => new { link.Label, Url = link.Url.ToString() }),
        }));
    }
}
