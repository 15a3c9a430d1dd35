using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Effects;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Hosting.Pages;
using Mobilitet.Workflows.Hosting.Queries;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// <c>GET /api/effects?municipality=&amp;housingArea=&amp;direction=out|in&amp;cohort=2026-Q4&amp;format=json|csv</c>: the effect
/// dashboard's aggregates for the municipalities the person holds (<see cref="EffectAggregation"/>, suppressed as
/// <see cref="Suppression"/> says). 401 nobody signed in; 403 neither the monitoring unit nor an administrator, no
/// municipality held, or a municipality asked for that is not held; 400 a filter that cannot be read.
/// </summary>
public sealed class EffectEndpoints(CurrentUserReader users, EffectQuery query)
{
    public static string NotAllowed { get; } =
        $"Effekterne kan ses af {Roles.DanishName(Roles.Monitoring).ToLower(Notifications.DanishFormat.Culture)} og administratorer.";

    public const string NoMunicipality = "Effekterne vises for de kommuner, du har adgang til, og du har ikke adgang til nogen.";

    public const string MunicipalityNotHeld = "Du har ikke adgang til effekterne i den kommune.";

    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (users.Read(request.HttpContext) is not { } user)
        {
            return Problems.Unauthorized();
        }

        if (!user.MaySeeEffects())
        {
            return Problems.Forbidden(NotAllowed);
        }

        var covered = user.EffectMunicipalities();
        if (covered.Count == 0)
        {
            return Problems.Forbidden(NoMunicipality);
        }

        var errors = new ValidationErrors();
        var filter = EffectRequest.Read(request, EffectParameters.Api, covered, errors, out var notHeld);
        var csv = CsvDownload.AsksForCsv(request, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        if (notHeld is not null)
        {
            return Problems.Forbidden(MunicipalityNotHeld);
        }

        var report = await query.ReadAsync(filter, cancellationToken);
        return csv
            ? EffectCsv.File(report)
            : TypedResults.Ok(new EffectResponse(
                covered.Order(StringComparer.Ordinal).ToList(),
                new EffectFilterResponse(filter.Municipality, filter.HousingArea, filter.Direction is { } direction ? EffectAggregation.DirectionKey(direction) : null, filter.Cohort?.ToString()),
                Suppression.Threshold,
                report.Total,
                report.Tables));
    }
}

/// <summary>The API's answer: what was covered and asked, the threshold, and the report (every number a <see cref="Figure"/>).</summary>
public sealed record EffectResponse(
    IReadOnlyList<string> Municipalities,
    EffectFilterResponse Filter,
    int SuppressionThreshold,
    EffectRow Total,
    IReadOnlyList<EffectTable> Tables);

public sealed record EffectFilterResponse(string? Municipality, string? HousingArea, string? Direction, string? Cohort);
