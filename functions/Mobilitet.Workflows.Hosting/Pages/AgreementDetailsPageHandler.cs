using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Measurements;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Forms;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Queries;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// *Aftale* (<see cref="UiRoutes.Agreement"/>): GET shows one agreement (<see cref="AgreementDetailsQuery"/>) to those
/// who may read its municipality (403 page otherwise, 404 for an unknown id). Each step is a form that posts to
/// its own route and is handed to the matching <see cref="AgreementCommands"/> method: accepted, the browser is
/// sent back to the page with a message (303); refused, the page comes back with the errors by the fields, or
/// with the command's explanation in an alert (409, 403, 503). Nothing changes unless the command accepts.
/// </summary>
public sealed class AgreementDetailsPageHandler(
    AgreementCommands commands,
    AgreementDetailsQuery query,
    IAgreementRepository agreements,
    IDocumentStore documents,
    SignedInPages signedIn,
    PageRenderer pages,
    PageFrames frames)
{
    private const string OtherMunicipality = "Aftalen hører til en kommune, du ikke har adgang til.";

    public async Task<IResult> ShowAsync(HttpContext context, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        var (agreement, refused) = await ReadableAsync(context, user, id, cancellationToken);
        return agreement is null ? refused! : await PageAsync(await query.ReadAsync(user, agreement, cancellationToken), frame!, StatusCodes.Status200OK);
    }

    /// <summary>A milestone's measurement report (<see cref="UiRoutes.AgreementMeasurementReport"/>), for those who may read the agreement.</summary>
    public Task<IResult> ShowMeasurementReportAsync(HttpContext context, string id, string milestone, CancellationToken cancellationToken) =>
        ShowReportAsync<MeasurementReport, MeasurementReportPage, MeasurementReportPageModel>(
            context,
            id,
            // Only the milestones' own names: "3" or "m3" would parse as an enum but name no page.
            agreement => RequestValidation.MilestoneNames.TryGetValue(milestone, out var named)
                ? documents.ReadJsonAsync<MeasurementReport>(agreement.AgreementId, DocumentNames.Measurement(named), cancellationToken)
                : Task.FromResult<MeasurementReport?>(null),
            report => new MeasurementReportPageModel(report),
            ErrorPageKind.MeasurementReportNotFound,
            cancellationToken);

    /// <summary>The financing's settlement report (<see cref="UiRoutes.AgreementSettlementReport"/>), for those who may read the agreement.</summary>
    public Task<IResult> ShowSettlementReportAsync(HttpContext context, string id, CancellationToken cancellationToken) =>
        ShowReportAsync<SettlementReport, SettlementReportPage, SettlementReportPageModel>(
            context,
            id,
            agreement => documents.ReadJsonAsync<SettlementReport>(agreement.AgreementId, DocumentNames.Settlement, cancellationToken),
            report => new SettlementReportPageModel(report),
            ErrorPageKind.SettlementReportNotFound,
            cancellationToken);

    /// <summary>A report kept beside the agreement, as a page for those who may read the agreement; a Danish 404 page without one.</summary>
    private async Task<IResult> ShowReportAsync<TReport, TPage, TModel>(
        HttpContext context,
        string id,
        Func<AgreementRecord, Task<TReport?>> read,
        Func<TReport, TModel> model,
        ErrorPageKind notFound,
        CancellationToken cancellationToken)
        where TReport : class
        where TPage : PageBase<TModel>
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        var (agreement, refused) = await ReadableAsync(context, user, id, cancellationToken);
        if (agreement is null)
        {
            return refused!;
        }

        return await read(agreement) is { } report
            ? PageResults.Html(await pages.RenderAsync<TPage, TModel>(model(report), frame!), StatusCodes.Status200OK)
            : await signedIn.ErrorAsync(context, user, notFound, StatusCodes.Status404NotFound, retryPath: UiRoutes.AgreementPath(agreement.AgreementId));
    }

    public Task<IResult> RecordConsentAsync(HttpContext context, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        StepAsync(
            context, id, AgreementActions.Consent, Notice.ConsentRecorded,
            (form, errors) => new ConsentRequest(form.Value("decision", errors)),
            (user, request) => commands.RecordConsentAsync(client, user, id, request, cancellationToken),
            cancellationToken);

    public Task<IResult> RecordFinancingDecisionAsync(HttpContext context, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        StepAsync(
            context, id, AgreementActions.Financing, Notice.FinancingDecisionRecorded,
            FinancingDecisionForm.Read,
            (user, request) => commands.RecordFinancingDecisionAsync(client, user, id, request, cancellationToken),
            cancellationToken);

    public Task<IResult> RecordMoveAsync(HttpContext context, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        StepAsync(
            context, id, AgreementActions.Move, Notice.MoveRecorded,
            (form, errors) => new MoveRequest(form.Value("movedOn", errors), form.Value("toArea", errors)),
            (user, request) => commands.RecordMoveAsync(client, user, id, request, cancellationToken),
            cancellationToken);

    /// <summary>The self-sufficiency rate is typed in percent and handed on as a fraction.</summary>
    public Task<IResult> RecordMeasurementAsync(HttpContext context, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        StepAsync(
            context, id, AgreementActions.Measurement, Notice.MeasurementRecorded,
            (form, errors) => new MeasurementRequest(
                form.Value("milestone", errors),
                form.Number("selfSufficiencyRate", errors) / 100m,
                form.Number("resourceDrawDkk", errors),
                form.Number("taxPaidDkk", errors)),
            (user, request) => commands.RecordMeasurementAsync(client, user, id, request, cancellationToken),
            cancellationToken,
            percentFields: "selfSufficiencyRate");

    public Task<IResult> CancelAsync(HttpContext context, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        StepAsync(
            context, id, AgreementActions.Cancel, Notice.CancellationRecorded,
            (form, errors) => new CancelRequest(form.Value("reason", errors)),
            (user, request) => commands.CancelAsync(client, user, id, request, cancellationToken),
            cancellationToken);

    public Task<IResult> WithdrawConsentAsync(HttpContext context, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        StepAsync(
            context, id, AgreementActions.WithdrawConsent, Notice.ConsentWithdrawalRecorded,
            (form, errors) => new CancelRequest(form.Value("reason", errors)),
            (user, request) => commands.WithdrawConsentAsync(client, user, id, request, cancellationToken),
            cancellationToken);

    /// <summary>
    /// A step's form post: who is asking, the form (antiforgery), the agreement (404; 403 page for another
    /// municipality: nothing about it is shown), then the form read into the command's request — a field that
    /// cannot be read is an error and the command is not called — and the command's answer as a page.
    /// </summary>
    private async Task<IResult> StepAsync<TRequest>(
        HttpContext context,
        string id,
        AgreementActions action,
        Notice accepted,
        Func<FormPost, ValidationErrors, TRequest> read,
        Func<CurrentUser, TRequest, Task<CommandResult>> command,
        CancellationToken cancellationToken,
        params string[] percentFields)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        var (form, formRefusal) = await FormPost.ReadAsync(context, frames, cancellationToken);
        if (form is null)
        {
            var retry = AgreementIds.IsWellFormed(id) ? UiRoutes.AgreementPath(id) : null;
            return await signedIn.ErrorAsync(context, user, formRefusal!.Value.Kind, formRefusal.Value.Status, retryPath: retry);
        }

        var (agreement, refused) = await ReadableAsync(context, user, id, cancellationToken);
        if (agreement is null)
        {
            return refused!;
        }

        var parseErrors = new ValidationErrors();
        var request = read(form, parseErrors);
        var result = parseErrors.IsEmpty ? await command(user, request) : new CommandResult.Invalid(new ValidationErrors());
        if (result is CommandResult.Accepted)
        {
            return PageResults.SeeOther(UiRoutes.AgreementPath(agreement.AgreementId), accepted);
        }

        if (result is CommandResult.AgreementNotFound)
        {
            return await signedIn.ErrorAsync(context, user, ErrorPageKind.AgreementNotFound, StatusCodes.Status404NotFound);
        }

        // The page as it is now (the agreement may have moved on), with the form as it was sent.
        var current = await agreements.FindAsync(agreement.AgreementId, cancellationToken) ?? agreement;
        var model = await query.ReadAsync(user, current, cancellationToken);
        var sentBack = new ActionForm(action, FormErrors.Values(form.Fields, AgreementDetailsPage.FieldsOf(action)), Web.Shared.FieldErrors.None);
        return result switch
        {
            CommandResult.Invalid invalid => await PageAsync(
                model with { SentForm = sentBack with { Errors = FormErrors.Merge(parseErrors, invalid.Errors, percentFields) }, Actions = model.Actions | action },
                frame!,
                StatusCodes.Status400BadRequest),
            CommandResult.Conflict conflict => await PageAsync(model with { Refusal = new ActionRefusal(ActionRefusalKind.Conflict, conflict.Detail) }, frame!, StatusCodes.Status409Conflict),
            CommandResult.Forbidden forbidden => await PageAsync(model with { Refusal = new ActionRefusal(ActionRefusalKind.Forbidden, forbidden.Detail) }, frame!, StatusCodes.Status403Forbidden),
            CommandResult.Unavailable unavailable => await PageAsync(
                model with { SentForm = sentBack, Refusal = new ActionRefusal(ActionRefusalKind.Unavailable, unavailable.Detail) },
                frame!,
                StatusCodes.Status503ServiceUnavailable),
            _ => throw new InvalidOperationException($"An agreement step cannot end as {result.GetType().Name}."),
        };
    }

    // 404 for an unknown (or malformed) id, the 403 page for another municipality's agreement.
    private async Task<(AgreementRecord? Agreement, IResult? Refusal)> ReadableAsync(HttpContext context, CurrentUser user, string id, CancellationToken cancellationToken)
    {
        var agreement = AgreementIds.IsWellFormed(id) ? await agreements.FindAsync(id, cancellationToken) : null;
        if (agreement is null)
        {
            return (null, await signedIn.ErrorAsync(context, user, ErrorPageKind.AgreementNotFound, StatusCodes.Status404NotFound));
        }

        return user.MayRead(agreement.MunicipalityCode)
            ? (agreement, null)
            : (null, await signedIn.ForbiddenAsync(context, user, OtherMunicipality));
    }

    private async Task<IResult> PageAsync(AgreementDetailsPageModel model, PageFrame frame, int status) =>
        PageResults.Html(await pages.RenderAsync<AgreementDetailsPage, AgreementDetailsPageModel>(model, frame), status);
}
