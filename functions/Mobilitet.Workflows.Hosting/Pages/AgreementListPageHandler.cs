using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Http.Requests;
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
/// "Aftaler" (/aftaler): the agreements the person may read (<see cref="Access.ReadableMunicipalities"/>: their
/// own municipalities, or all for the monitoring unit and administrators), filtered as the GET form says, from
/// <see cref="IAgreementList"/> (read by key, one page at a time). A municipality the person may not read is
/// refused (403), so no filter or search reaches another municipality's agreements. An htmx request (header
/// HX-Request, not a history restore) gets the results region alone. A caseworker may also search by CPR number
/// (<see cref="SearchByCprAsync"/>: a POST, so the number is never in an address).
/// </summary>
public sealed class AgreementListPageHandler(SignedInPages signedIn, PageFrames frames, IAgreementList list, CprSearchQuery search, PageRenderer pages, TimeProvider time)
{
    public const int PageSize = 25;

    private static readonly StringComparer DanishOrder = StringComparer.Create(DanishFormat.Culture, ignoreCase: false);

    private static readonly IReadOnlyList<SelectOption> EveryMunicipality = Options(MunicipalityRegistry.All.Select(municipality => municipality.Code));

    public async Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        var readable = user.ReadableMunicipalities();
        if (readable is { Count: 0 })
        {
            return await signedIn.ForbiddenAsync(context, user, "Aftalerne kan ses af kommunernes sagsbehandlere, bevillingsansvarlige og tilsyn samt af monitoreringsenheden.");
        }

        var errors = new ValidationErrors();
        var (filter, query) = ReadFilter(context.Request, user, readable, errors);
        if (filter.Municipality is { } asked && errors.IsEmpty && readable is not null && !readable.Contains(asked))
        {
            return await signedIn.ForbiddenAsync(context, user, "Du har ikke adgang til aftaler i den kommune.");
        }

        var fragment = IsHtmxRequest(context.Request);
        var model = EmptyModel(user, readable, filter);

        if (!errors.IsEmpty)
        {
            var fieldErrors = new FieldErrors(errors.ToDictionary());
            return await AnswerAsync(model with { Errors = fieldErrors, Results = AgreementResultsModel.Empty with { Errors = fieldErrors } }, frame!, fragment, StatusCodes.Status400BadRequest);
        }

        // A damaged or foreign "next page" link: the Danish 400 page (or, for htmx, the results region saying so).
        async Task<IResult> InvalidLinkAsync() => fragment
            ? await AnswerAsync(model with { Results = AgreementResultsModel.Empty with { InvalidPageLink = true, FirstPagePath = filter.Path() } }, frame!, fragment, StatusCodes.Status400BadRequest)
            : await signedIn.ErrorAsync(context, user, ErrorPageKind.InvalidPageLink, StatusCodes.Status400BadRequest, retryPath: filter.Path());

        if (!PageQuery.TryReadToken(context.Request, out var token))
        {
            return await InvalidLinkAsync();
        }

        AgreementPage page;
        try
        {
            page = await list.QueryAsync(query, token, PageSize, cancellationToken);
        }
        catch (ArgumentException) when (token is not null)
        {
            return await InvalidLinkAsync();
        }

        var now = time.GetUtcNow();
        var results = new AgreementResultsModel
        {
            // The list reads the asked municipalities only; the rule is checked again for each row.
            Rows = page.Agreements.Where(agreement => user.MayRead(agreement.MunicipalityCode)).Select(agreement => Row(agreement, now)).ToList(),
            NextPagePath = page.ContinuationToken is { } next ? filter.Path(next) : null,
            FirstPagePath = token is null ? null : filter.Path(),
            Filtered = !filter.IsEmpty,
        };
        return await AnswerAsync(model with { Results = results }, frame!, fragment, StatusCodes.Status200OK);
    }

    /// <summary>
    /// POST /aftaler (the CPR search form, antiforgery checked): the page with the resident's agreements in the
    /// caseworker's municipalities instead of the list, or the form's Danish error by the field (400). The number is not
    /// echoed back into the form.
    /// </summary>
    public async Task<IResult> SearchByCprAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        if (CprSearchQuery.SearchableMunicipalities(user).Count == 0)
        {
            return await signedIn.ForbiddenAsync(context, user, CprSearchQuery.NotAllowed);
        }

        var (form, formRefusal) = await FormPost.ReadAsync(context, frames, cancellationToken);
        if (form is null)
        {
            return await signedIn.ErrorAsync(context, user, formRefusal!.Value.Kind, formRefusal.Value.Status);
        }

        var errors = new ValidationErrors();
        var cpr = form.Value(AgreementFilter.CprField, errors);
        var found = errors.IsEmpty ? await search.SearchAsync(user, cpr, errors, cancellationToken) : null;
        var model = EmptyModel(user, user.ReadableMunicipalities(), AgreementFilter.None);
        if (found is null)
        {
            return await AnswerAsync(model with { Errors = new FieldErrors(errors.ToDictionary()) }, frame!, fragment: false, StatusCodes.Status400BadRequest);
        }

        var now = time.GetUtcNow();
        var results = new AgreementResultsModel { Rows = found.Select(agreement => Row(agreement, now)).ToList(), CprSearch = true };
        return await AnswerAsync(model with { Results = results }, frame!, fragment: false, StatusCodes.Status200OK);
    }

    private static AgreementsPageModel EmptyModel(CurrentUser user, IReadOnlySet<string>? readable, AgreementFilter filter) => new()
    {
        Filter = filter,
        Municipalities = readable is null ? EveryMunicipality : Options(readable),
        AllMunicipalities = readable is null,
        MayFilterOwn = user.IsIn(Roles.Caseworker),
        MaySearchByCpr = CprSearchQuery.SearchableMunicipalities(user).Count > 0,
        Results = AgreementResultsModel.Empty,
    };

    /// <summary>The filters as sent, and the query they make (within what the person may read).</summary>
    private static (AgreementFilter Filter, AgreementQuery Query) ReadFilter(HttpRequest request, CurrentUser user, IReadOnlySet<string>? readable, ValidationErrors errors)
    {
        var municipality = PageQuery.Value(request, AgreementFilter.MunicipalityField, errors);
        var status = PageQuery.Value(request, AgreementFilter.StatusField, errors);
        var area = PageQuery.Value(request, AgreementFilter.AreaField, errors);
        var caseworker = PageQuery.Value(request, AgreementFilter.CaseworkerField, errors);
        var needsAction = PageQuery.Value(request, AgreementFilter.NeedsActionField, errors);
        var search = PageQuery.Value(request, AgreementFilter.SearchField, errors);

        if (municipality is not null && !MunicipalityRegistry.TryGet(municipality, out _))
        {
            errors.Add(AgreementFilter.MunicipalityField, "Vælg en kommune fra listen.");
        }

        AgreementStatus? parsedStatus = null;
        if (status is not null)
        {
            parsedStatus = Enum.GetValues<AgreementStatus>().Where(value => value.ToString() == status).Select(value => (AgreementStatus?)value).FirstOrDefault();
            if (parsedStatus is null)
            {
                errors.Add(AgreementFilter.StatusField, "Vælg en status fra listen.");
            }
        }

        area = errors.OptionalText(AgreementFilter.AreaField, area, RequestValidation.NameLength);
        search = errors.OptionalText(AgreementFilter.SearchField, search, RequestValidation.NameLength);
        if (caseworker is not null and not (AgreementFilter.Mine or AgreementFilter.Everyone))
        {
            errors.Add(AgreementFilter.CaseworkerField, "Vælg alle sagsbehandlere eller kun dine egne aftaler.");
        }

        if (needsAction is not null and not AgreementFilter.Yes)
        {
            errors.Add(AgreementFilter.NeedsActionField, "Afkryds feltet, eller lad det stå tomt.");
        }

        var filter = new AgreementFilter
        {
            Municipality = municipality,
            Status = status,
            Area = area,
            MineOnly = caseworker == AgreementFilter.Mine,
            NeedsAction = needsAction == AgreementFilter.Yes,
            Search = search,
        };
        var query = new AgreementQuery
        {
            MunicipalityCodes = municipality is not null ? new HashSet<string>(StringComparer.Ordinal) { municipality } : readable,
            Status = parsedStatus,
            HousingArea = area,
            CaseworkerId = filter.MineOnly ? user.Id : null,
            NeedsAction = filter.NeedsAction ? true : null,
            Search = search,
        };
        return (filter, query);
    }

    private static AgreementRow Row(AgreementRecord agreement, DateTimeOffset now)
    {
        var due = agreement.NextDueAt;
        DateOnly? dueDate = due is { } at ? agreement.PolicyDateAt(at) : null;
        return new AgreementRow(
            agreement.AgreementId,
            MunicipalityRegistry.NameOf(agreement.MunicipalityCode),
            agreement.HousingArea,
            agreement.Status,
            dueDate,
            due < now,
            agreement.NeedsAction);
    }

    private async Task<IResult> AnswerAsync(AgreementsPageModel model, PageFrame frame, bool fragment, int status)
    {
        var html = fragment
            ? await pages.RenderAsync<AgreementResults>(new Dictionary<string, object?> { [nameof(AgreementResults.Model)] = model.Results })
            : await pages.RenderAsync<AgreementsPage, AgreementsPageModel>(model, frame);
        return PageResults.Html(html, status);
    }

    /// <summary>htmx asks for a part of the page; restoring history it wants the whole page.</summary>
    private static bool IsHtmxRequest(HttpRequest request) =>
        request.Headers["HX-Request"] == "true" && request.Headers["HX-History-Restore-Request"] != "true";

    private static IReadOnlyList<SelectOption> Options(IEnumerable<string> codes) =>
        codes.Select(code => MunicipalityRegistry.TryGet(code, out var municipality) ? municipality : new Municipality(code, code, string.Empty))
            .OrderBy(municipality => municipality.Name, DanishOrder)
            .Select(municipality => new SelectOption(municipality.Code, municipality.Name))
            .ToList();
}
