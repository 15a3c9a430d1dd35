using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Queries;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// "Effekt" (/effekt?kommune=&amp;omraade=&amp;retning=&amp;kohorte=): the effect dashboard for the monitoring unit and administrators,
/// for the municipalities they hold — the same filters, checks and report as <see cref="EffectEndpoints"/>, as a page
/// (the Danish 401/403 pages; filters that cannot be read are shown by their fields with status 400).
/// </summary>
public sealed class EffectsPageHandler(SignedInPages signedIn, EffectQuery query, PageRenderer pages)
{
    private static readonly StringComparer DanishOrder = StringComparer.Create(DanishFormat.Culture, ignoreCase: false);

    public async Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        if (!user.MaySeeEffects())
        {
            return await signedIn.ForbiddenAsync(context, user, EffectEndpoints.NotAllowed);
        }

        var covered = user.EffectMunicipalities();
        if (covered.Count == 0)
        {
            return await signedIn.ForbiddenAsync(context, user, EffectEndpoints.NoMunicipality);
        }

        var errors = new ValidationErrors();
        var names = EffectParameters.Page;
        var filter = EffectRequest.Read(context.Request, names, covered, errors, out var notHeld);
        var model = new EffectsPageModel
        {
            Municipalities = covered
                .Select(code => new SelectOption(code, MunicipalityRegistry.NameOf(code)))
                .OrderBy(option => option.Text, DanishOrder)
                .ToList(),
            Values = new[] { names.Municipality, names.HousingArea, names.Direction, names.Cohort }
                .ToDictionary(name => name, name => context.Request.Query.TryGetValue(name, out var value) && value.Count == 1 ? value[0] : null),
        };

        if (!errors.IsEmpty)
        {
            return PageResults.Html(
                await pages.RenderAsync<EffectsPage, EffectsPageModel>(model with { Errors = new FieldErrors(errors.ToDictionary()) }, frame!),
                StatusCodes.Status400BadRequest);
        }

        if (notHeld is not null)
        {
            return await signedIn.ForbiddenAsync(context, user, EffectEndpoints.MunicipalityNotHeld);
        }

        var report = await query.ReadAsync(filter, cancellationToken);
        var api = EffectParameters.Api;
        var csv = EffectsPageModel.CsvPathFor(
        [
            new(api.Municipality, filter.Municipality),
            new(api.HousingArea, filter.HousingArea),
            new(api.Direction, filter.Direction is { } direction ? Effects.EffectAggregation.DirectionKey(direction) : null),
            new(api.Cohort, filter.Cohort?.ToString()),
        ]);
        return PageResults.Html(await pages.RenderAsync<EffectsPage, EffectsPageModel>(model with { Report = report, CsvPath = csv }, frame!));
    }
}
