using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>RFC 7807 problem details with Danish titles, one place for every error answer.</summary>
public static class Problems
{
    public static IResult Validation(ValidationErrors errors) =>
        TypedResults.ValidationProblem(
            errors.ToDictionary(),
            detail: "Ret de markerede felter og prøv igen. Intet er gemt eller ændret.",
            title: "Oplysningerne er ikke gyldige");

    public static IResult AgreementNotFound(string agreementId) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Flytteaftalen findes ikke",
            detail: $"Der findes ingen flytteaftale med id '{agreementId}'.");

    /// <summary>404 for an address that has nothing here (in this host or configuration).</summary>
    public static IResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: TitleFor(StatusCodes.Status404NotFound), detail: DetailFor(StatusCodes.Status404NotFound));

    public static IResult EscalationNotFound(string escalationId) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Eskaleringen findes ikke",
            detail: $"Der findes ingen eskalering med id '{escalationId}'.");

    /// <summary>
    /// The step does not fit the agreement's current state; nothing was changed. When an earlier decision
    /// is why, it is given as the extension "decided" (its fields in the API's spelling, by whom and when).
    /// </summary>
    public static IResult StaticFileNotFound() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Filen findes ikke",
            detail: "Der findes ingen fil på denne adresse.");

    public static IResult Conflict(string detail, Decision? decided = null) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Handlingen passer ikke til aftalens tilstand",
            detail: detail + " Intet er ændret.",
            extensions: decided is null ? null : new Dictionary<string, object?>
            {
                ["decided"] = new Dictionary<string, object?>(decided.Fields.Select(field => KeyValuePair.Create(field.Key, (object?)field.Value)))
                {
                    ["subject"] = decided.Subject,
                    ["by"] = decided.Actor,
                    ["at"] = decided.At,
                },
            });

    /// <summary>401: the route needs a signed-in person.</summary>
    public static IResult Unauthorized() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: TitleFor(StatusCodes.Status401Unauthorized),
            detail: "Log ind for at bruge flytteaftalerne. Intet er læst eller ændret.");

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Adgang nægtet",
            detail: detail);

    /// <summary>Seconds a client should wait before trying a 503 again (Retry-After).</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>503 with Retry-After: nothing changed, and the same request may succeed shortly (a workflow still starting).</summary>
    public static IResult Unavailable(string detail) =>
        new RetryAfterResult(TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Tjenesten er midlertidigt utilgængelig",
            detail: detail + " Prøv igen om lidt."));

    /// <summary>
    /// The answer to an exception no handler caught, in both hosts: 503 with Retry-After when storage did not answer (in
    /// time), as the same request may succeed shortly (<see cref="TransientFailures"/>); otherwise 500. Nothing of the
    /// exception is in the answer. A step that changes something may have got part of the way, so its 503 says to look
    /// before trying again rather than that nothing changed.
    /// </summary>
    public static IResult ForException(Exception? exception, string method)
    {
        if (exception is null || !TransientFailures.IsTransient(exception))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status500InternalServerError,
                title: TitleFor(StatusCodes.Status500InternalServerError),
                detail: DetailFor(StatusCodes.Status500InternalServerError));
        }

        var readOnly = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        return new RetryAfterResult(TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: TitleFor(StatusCodes.Status503ServiceUnavailable),
            detail: readOnly
                ? "Datalageret svarede ikke i tide. Prøv igen om lidt."
                : "Datalageret svarede ikke i tide, så handlingen er måske ikke gennemført. Se efter, om den er sket, før du prøver igen."));
    }

    /// <summary>The body is not JSON (wrong or missing Content-Type); it was not read.</summary>
    public static IResult UnsupportedMediaType() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: TitleFor(StatusCodes.Status415UnsupportedMediaType),
            detail: DetailFor(StatusCodes.Status415UnsupportedMediaType));

    /// <summary>A register extract that is not sent as CSV (Content-Type text/csv, UTF-8); it was not read.</summary>
    public static IResult NotCsv() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "Filen skal være CSV",
            detail: "Registerudtrækket skal sendes som en CSV-fil i UTF-8 med Content-Type: text/csv. Intet er indlæst.");

    /// <summary>A register extract over <paramref name="maxBytes"/>; it was not imported.</summary>
    public static IResult ExtractTooLarge(int maxBytes) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Filen er for stor",
            detail: $"Et registerudtræk må højst fylde {(maxBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MB. Del filen op, og indlæs delene hver for sig. Intet er indlæst.");

    /// <summary>
    /// 400: nothing in the extract could be read (an empty file, or a first line that is neither header). The import's
    /// report is the extension "report", as a successful import answers it.
    /// </summary>
    public static IResult ExtractRefused(Workflows.RegisterImports.ExtractImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Registerudtrækket kunne ikke læses",
            detail: string.Join(' ', report.Errors.Select(error => error.Message)) + " Intet er indlæst.",
            extensions: new Dictionary<string, object?> { ["report"] = report });
    }

    /// <summary>The path and query are longer than <paramref name="maxLength"/> characters.</summary>
    public static IResult UriTooLong(int maxLength) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status414UriTooLong,
            title: TitleFor(StatusCodes.Status414UriTooLong),
            detail: $"Adressen (sti og parametre) må højst være {(maxLength / 1024).ToString(CultureInfo.InvariantCulture)} KB lang.");

    /// <summary>
    /// The Danish title for an error status. Answers the framework writes itself (no route, wrong
    /// method, unreadable parameters, an exception) get it through <see cref="UseDanishWording"/>.
    /// </summary>
    public static string TitleFor(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest => "Forespørgslen er ugyldig",
        StatusCodes.Status401Unauthorized => "Login kræves",
        StatusCodes.Status403Forbidden => "Adgang nægtet",
        StatusCodes.Status404NotFound => "Adressen findes ikke",
        StatusCodes.Status405MethodNotAllowed => "Metoden er ikke tilladt",
        StatusCodes.Status406NotAcceptable => "Svarformatet kan ikke leveres",
        StatusCodes.Status408RequestTimeout => "Forespørgslen tog for lang tid",
        StatusCodes.Status409Conflict => "Handlingen er i konflikt med den nuværende tilstand",
        StatusCodes.Status411LengthRequired => "Forespørgslens længde mangler",
        StatusCodes.Status413PayloadTooLarge => "Forespørgslen er for stor",
        StatusCodes.Status414UriTooLong => "Adressen er for lang",
        StatusCodes.Status415UnsupportedMediaType => "Forespørgslen skal være JSON",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "Forespørgslens headere er for store",
        StatusCodes.Status503ServiceUnavailable => "Tjenesten er midlertidigt utilgængelig",
        >= 500 => "Der opstod en fejl",
        _ => "Forespørgslen kunne ikke behandles",
    };

    /// <summary>
    /// Gives a problem the framework wrote (with an English default title, or none) its Danish title
    /// and a Danish detail; a problem our handlers wrote keeps its own wording.
    /// </summary>
    public static void UseDanishWording(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Status is not { } status)
        {
            return;
        }

        if (problem.Title is null || problem.Title == EnglishDefaultTitle(status))
        {
            problem.Title = TitleFor(status);
            problem.Detail ??= DetailFor(status);
        }
    }

    private static string? DetailFor(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest => "Forespørgslen kunne ikke læses. Tjek adressens parametre (hver parameter højst én gang) og prøv igen.",
        StatusCodes.Status404NotFound => "Der findes ingen side eller handling på denne adresse.",
        StatusCodes.Status405MethodNotAllowed => "Adressen findes, men ikke med denne metode (fx GET eller POST).",
        StatusCodes.Status413PayloadTooLarge => "Forespørgslen er for stor til at blive modtaget.",
        StatusCodes.Status414UriTooLong => "Adressen (sti og parametre) er for lang.",
        StatusCodes.Status415UnsupportedMediaType => "Forespørgslens indhold skal være JSON og sendes med Content-Type: application/json.",
        >= 500 => "Forespørgslen kunne ikke gennemføres. Prøv igen om lidt.",
        _ => null,
    };

    // ASP.NET Core's defaults: the reason phrase, except for 500 (ProblemDetailsDefaults).
    private static string EnglishDefaultTitle(int statusCode) =>
        statusCode == StatusCodes.Status500InternalServerError
            ? "An error occurred while processing your request."
            : ReasonPhrases.GetReasonPhrase(statusCode);

    private sealed class RetryAfterResult(IResult problem) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status503ServiceUnavailable;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }
}
