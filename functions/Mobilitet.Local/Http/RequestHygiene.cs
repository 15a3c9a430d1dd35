using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Local.Http;

/// <summary>
/// What the local host adds around the shared handlers so that every answer is the same kind of
/// answer: problem details in Danish for errors the framework answers itself (no route, wrong
/// method, parameters that cannot be bound, a URL too long, an exception), a parameter given
/// twice refused, and <c>X-Content-Type-Options: nosniff</c> on every response.
/// </summary>
public static class RequestHygiene
{
    /// <summary>The longest path and query answered; longer is a 414.</summary>
    public const int MaxUrlLength = 8 * 1024;

    /// <summary>
    /// Kestrel answers a request line over its limit itself, with an empty 414, before any
    /// middleware runs: so its limit sits well above ours, and the refusal is ours.
    /// </summary>
    public const int KestrelMaxRequestLineSize = 32 * 1024;

    public static WebApplicationBuilder AddRequestHygiene(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = KestrelMaxRequestLineSize);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context => Problems.UseDanishWording(context.ProblemDetails));

        // A parameter that cannot be bound is a 400 (answered below), never an exception, also in Development.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        return builder;
    }

    public static WebApplication UseRequestHygiene(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(static (context, next) =>
        {
            // At the start of the response, so an error answer (whose headers are cleared) has it too.
            context.Response.OnStarting(
                static state =>
                {
                    ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
                    return Task.CompletedTask;
                },
                context.Response);
            return next(context);
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = AnswerExceptionAsync });
        app.UseStatusCodePages(context => WriteProblemAsync(context.HttpContext, context.HttpContext.Response.StatusCode));
        app.Use(static (context, next) =>
            context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > MaxUrlLength }
                ? Problems.UriTooLong(MaxUrlLength).ExecuteAsync(context)
                : next(context));
        app.Use(static (context, next) => RefuseRepeatedParameters(context) is { } refusal ? refusal.ExecuteAsync(context) : next(context));
        return app;
    }

    // ?status=A&status=B would reach a handler as "A,B" (or bind only one): say which parameter is
    // repeated, as first spelled (names match in any letter case, like binding does).
    private static IResult? RefuseRepeatedParameters(HttpContext context)
    {
        if (!context.Request.QueryString.HasValue)
        {
            return null;
        }

        var firstSpelling = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var repeated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in new QueryStringEnumerable(context.Request.QueryString.Value))
        {
            var name = pair.DecodeName().ToString();
            if (!firstSpelling.TryAdd(name, name))
            {
                repeated.Add(name);
            }
        }

        if (repeated.Count == 0)
        {
            return null;
        }

        var errors = new ValidationErrors();
        foreach (var name in repeated)
        {
            errors.Add(firstSpelling[name], Messages.RepeatedParameter);
        }

        return Problems.Validation(errors);
    }

    private static Task AnswerExceptionAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        return error is BadHttpRequestException bad
            ? WriteProblemAsync(context, bad.StatusCode)
            : Problems.ForException(error, context.Request.Method).ExecuteAsync(context);
    }

    // Written as problem details whatever the request's Accept header says, with the Danish wording.
    private static Task WriteProblemAsync(HttpContext context, int status)
    {
        var problem = new ProblemDetails { Status = status };
        Problems.UseDanishWording(problem);
        return TypedResults.Problem(problem).ExecuteAsync(context);
    }
}
