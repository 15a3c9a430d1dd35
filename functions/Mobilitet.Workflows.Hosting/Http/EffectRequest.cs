using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Effects;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Pages;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>The effect dashboard's filter parameters by name: the API's English names or the page form's Danish ones.</summary>
public sealed record EffectParameters(string Municipality, string HousingArea, string Direction, string Cohort)
{
    public static EffectParameters Api { get; } = new("municipality", "housingArea", "direction", "cohort");

    public static EffectParameters Page { get; } = new(
        Web.Pages.EffectsPageModel.MunicipalityField,
        Web.Pages.EffectsPageModel.AreaField,
        Web.Pages.EffectsPageModel.DirectionField,
        Web.Pages.EffectsPageModel.CohortField);
}

/// <summary>Reads the effect dashboard's filters from a query string, for the API and the page alike (Danish errors by parameter).</summary>
public static class EffectRequest
{
    public const string DirectionMessage = "Vælg ud af (out) eller ind i (in) et udsat boligområde.";
    public const string CohortMessage = "Skriv startkohorten som år og kvartal, fx 2026-Q4.";

    /// <param name="covered">The municipalities the person holds (<see cref="Identity.Access.EffectMunicipalities"/>).</param>
    /// <param name="notHeld">A valid municipality the person does not hold (then the answer is 403), else null.</param>
    public static EffectFilter Read(HttpRequest request, EffectParameters names, IReadOnlySet<string> covered, ValidationErrors errors, out string? notHeld)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(errors);
        notHeld = null;

        var municipality = PageQuery.Value(request, names.Municipality, errors) is { } code
            ? RequestValidation.MunicipalityCode(names.Municipality, code, errors)
            : null;
        if (municipality is not null && !covered.Contains(municipality))
        {
            notHeld = municipality;
        }

        var area = errors.OptionalText(names.HousingArea, PageQuery.Value(request, names.HousingArea, errors), RequestValidation.NameLength);
        if (area is not null && HousingAreas.Normalize(area).Length == 0)
        {
            area = null;
        }

        MoveDirection? direction = null;
        if (PageQuery.Value(request, names.Direction, errors) is { } directionText)
        {
            if (RequestValidation.Directions.TryGetValue(directionText, out var parsed))
            {
                direction = parsed;
            }
            else
            {
                errors.Add(names.Direction, DirectionMessage);
            }
        }

        Cohort? cohort = null;
        if (PageQuery.Value(request, names.Cohort, errors) is { } cohortText)
        {
            if (Cohort.TryParse(cohortText, out var parsed))
            {
                cohort = parsed;
            }
            else
            {
                errors.Add(names.Cohort, CohortMessage);
            }
        }

        return new EffectFilter { Municipalities = covered, Municipality = municipality, HousingArea = area, Direction = direction, Cohort = cohort };
    }
}
