using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Forms;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// *Ny flytteaftale* (<see cref="UiRoutes.NewAgreement"/>), for caseworkers: GET shows the form; POST reads it
/// (<see cref="AgreementForm"/>) and hands it to <see cref="AgreementCommands.CreateAsync"/>, then redirects to
/// the new agreement's page (303, with a message), or shows the form again with what was typed and the errors.
/// The municipality is chosen among those the caseworker works for (the command refuses any other).
/// </summary>
public sealed class NewAgreementPageHandler(AgreementCommands commands, SignedInPages signedIn, PageRenderer pages, PageFrames frames, IOptions<FinancingOptions> financing, TimeProvider time)
{
    private static readonly StringComparer DanishOrder = StringComparer.Create(DanishFormat.Culture, ignoreCase: false);

    private static readonly IReadOnlyList<string> PostedFields = [.. NewAgreementPage.Fields, "policy"];

    public async Task<IResult> ShowAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        var municipalities = MunicipalitiesOf(user);
        if (municipalities.Count == 0)
        {
            return await signedIn.ForbiddenAsync(context, user, NotACaseworker);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["caseworker.name"] = user.Name };
        if (municipalities.Count == 1)
        {
            values["municipalityCode"] = municipalities[0].Value;
        }

        return await PageAsync(Model(municipalities) with { Values = values }, frame!, StatusCodes.Status200OK);
    }

    public async Task<IResult> CreateAsync(HttpContext context, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        var municipalities = MunicipalitiesOf(user);
        if (municipalities.Count == 0)
        {
            return await signedIn.ForbiddenAsync(context, user, NotACaseworker);
        }

        var (form, formRefusal) = await FormPost.ReadAsync(context, frames, cancellationToken);
        if (form is null)
        {
            return await signedIn.ErrorAsync(context, user, formRefusal!.Value.Kind, formRefusal.Value.Status, retryPath: UiRoutes.PathOf(UiRoutes.NewAgreement));
        }

        // Every number in the form is required, so a field the reader could not read reaches the command empty
        // and the command refuses the request: nothing is created while the form has an error.
        var (request, parseErrors) = AgreementForm.Read(form.Fields);
        var result = await commands.CreateAsync(client, user, request, cancellationToken);
        if (result is CommandResult.Created created)
        {
            return PageResults.SeeOther(UiRoutes.AgreementPath(created.Agreement.AgreementId), Notice.AgreementCreated);
        }

        var sentBack = Model(municipalities) with { Values = FormErrors.Values(form.Fields, PostedFields) };
        return result switch
        {
            CommandResult.Invalid invalid => await PageAsync(sentBack with { Errors = FormErrors.Merge(parseErrors, invalid.Errors, "baseline.selfSufficiencyRate") }, frame!, StatusCodes.Status400BadRequest),
            CommandResult.Forbidden forbidden => await PageAsync(sentBack with { Refusal = new ActionRefusal(ActionRefusalKind.Forbidden, forbidden.Detail) }, frame!, StatusCodes.Status403Forbidden),
            CommandResult.Unavailable unavailable => await PageAsync(sentBack with { Refusal = new ActionRefusal(ActionRefusalKind.Unavailable, unavailable.Detail) }, frame!, StatusCodes.Status503ServiceUnavailable),
            _ => throw new InvalidOperationException($"Creating an agreement cannot end as {result.GetType().Name}."),
        };
    }

    private const string NotACaseworker = "Flytteaftaler oprettes af sagsbehandlere i de kommuner, de arbejder for.";

    /// <summary>The municipalities (of the 98) in which the user may create agreements, by Danish name.</summary>
    private static List<SelectOption> MunicipalitiesOf(CurrentUser user) => MunicipalityRegistry.All
        .Where(municipality => user.MayActAs(Roles.Caseworker, municipality.Code))
        .OrderBy(municipality => municipality.Name, DanishOrder)
        .Select(municipality => new SelectOption(municipality.Code, $"{municipality.Name} ({municipality.Code})"))
        .ToList();

    private NewAgreementPageModel Model(IReadOnlyList<SelectOption> municipalities) => new()
    {
        Municipalities = municipalities,
        PolicyName = PolicyCatalog.DefaultName,
        DefaultInstrument = financing.Value.DefaultInstrument,
        Today = DanishCalendar.DateOf(time.GetUtcNow().UtcDateTime),
        SupervisorFields = AgreementForm.SupervisorFields,
    };

    private async Task<IResult> PageAsync(NewAgreementPageModel model, PageFrame frame, int status) =>
        PageResults.Html(await pages.RenderAsync<NewAgreementPage, NewAgreementPageModel>(model, frame), status);
}
