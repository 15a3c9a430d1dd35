using Microsoft.AspNetCore.Http;
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

    public static IResult EscalationNotFound(string escalationId) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Eskaleringen findes ikke",
            detail: $"Der findes ingen eskalering med id '{escalationId}'.");

    /// <summary>
    /// The step does not fit the agreement's current state; nothing was changed. When an earlier decision
    /// is why, it is given as the extension "decided" (its fields in the API's spelling, by whom and when).
    /// </summary>
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

    /// <summary>415: JSON routes take application/json only (a cross-site form cannot send it).</summary>
    public static IResult UnsupportedMediaType() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "Forespørgslen har en forkert indholdstype",
            detail: "Indholdet skal sendes som JSON (Content-Type: application/json). Intet er gemt eller ændret.");

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Adgang nægtet",
            detail: detail);

    public static IResult Unavailable(string detail) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Tjenesten er midlertidigt utilgængelig",
            detail: detail + " Prøv igen om lidt.");
}
