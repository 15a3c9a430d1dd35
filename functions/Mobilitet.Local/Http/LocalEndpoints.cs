using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mobilitet.Local.Engine;
using Mobilitet.Local.Storage;
using Mobilitet.Workflows.Hosting.Composition;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Hosting.Pages;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Local.Http;

/// <summary>Endpoints only the local host has: the outbox a person can read, and a health report.</summary>
public static class LocalEndpoints
{
    public const string Outbox = "outbox";
    public const string Health = "health";

    public static void MapLocalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/" + ApiRoutes.Prefix);
        api.MapGet(Outbox, ListOutboxAsync);
        api.MapGet(Health, HealthAsync);

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

    /// <summary>GET /api/health: whether the engine and the storage answer; 503 if one does not.</summary>
    public static async Task<IResult> HealthAsync(
        DurableTaskClient client,
        DurableSidecar engine,
        LocalStorage storage,
        Azure.Data.Tables.TableServiceClient tables,
        IOptions<EngineOptions> engineOptions,
        IOptions<LifecycleOptions> lifecycle,
        IServiceProvider services,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var engineCheck = await CheckAsync(() => client.GetInstanceAsync("health-probe", timeout.Token));
        var storageCheck = await CheckAsync(() => tables.GetPropertiesAsync(timeout.Token));
        var healthy = engineCheck is null && storageCheck is null && engine.Service is not null;
        var report = new
        {
            Status = healthy ? "Healthy" : "Unhealthy",
            Engine = new
            {
                Status = engineCheck is null && engine.Service is not null ? "Healthy" : "Unhealthy",
                engineOptions.Value.Provider,
                engineOptions.Value.TaskHub,
                Error = engineCheck,
            },
            Storage = new { Status = storageCheck is null ? "Healthy" : "Unhealthy", storage.Description, Error = storageCheck },
            Email = services.GetService<IOutbox>() is null ? "SendGrid" : "Outbox",
            lifecycle.Value.DayLength,
        };
        return healthy ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    // The error's type and message only: no connection strings end up in the report.
    private static async Task<string?> CheckAsync(Func<Task> probe)
    {
        try
        {
            await probe();
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return e.GetType().Name;
        }
    }
}
