using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Forms;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// "Finansiering" (/finansiering, finance approvers): the FinancingToDecide tasks of the person's municipalities
/// from the task board (read by key, by deadline — for one policy, the oldest request first), each with its
/// business case; and the forms' posts (<see cref="UiRoutes.FinancingDecision"/>), which hand the decision to
/// <see cref="AgreementCommands.RecordFinancingDecisionAsync"/> and redirect back with a message (303), or show
/// the page again with the form's errors (400) or why the decision was not recorded (409, 503).
/// </summary>
public sealed class FinancingPageHandler(
    SignedInPages signedIn,
    AgreementCommands commands,
    ITaskBoard board,
    IAgreementRepository agreements,
    IDocumentStore documents,
    IDecisionLog decisions,
    PageFrames frames,
    PageRenderer pages,
    TimeProvider time)
{
    public const int PageSize = 20;

    private static readonly string ListPath = UiRoutes.PathOf(UiRoutes.Financing);

    public async Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        if (!user.IsIn(Roles.FinanceApprover))
        {
            return await ForbiddenAsync(context, user);
        }

        if (!PageQuery.TryReadToken(context.Request, out var token))
        {
            return await InvalidLinkAsync(context, user);
        }

        FinancingPageModel model;
        try
        {
            model = await ModelAsync(user, token, cancellationToken);
        }
        catch (ArgumentException) when (token is not null)
        {
            return await InvalidLinkAsync(context, user);
        }

        return PageResults.Html(await pages.RenderAsync<FinancingPage, FinancingPageModel>(model, frame!));
    }

    /// <summary>POST /finansiering/{id}/afgoerelse: decision (approved | rejected), approvedDkk (Danish number), reason, antiforgery token.</summary>
    public async Task<IResult> DecideAsync(HttpContext context, DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        if (!user.IsIn(Roles.FinanceApprover))
        {
            return await ForbiddenAsync(context, user);
        }

        var (form, formRefusal) = await FormPost.ReadAsync(context, frames, cancellationToken);
        if (form is null)
        {
            return await signedIn.ErrorAsync(context, user, formRefusal!.Value.Kind, formRefusal.Value.Status, retryPath: ListPath);
        }

        var errors = new ValidationErrors();
        var decision = form.Value("decision", errors);
        var amountText = form.Value("approvedDkk", errors);
        var reason = form.Value("reason", errors);
        if (!DanishNumbers.TryParse(amountText, out var amount))
        {
            errors.Add("approvedDkk", Messages.NotANumber);
        }

        var result = errors.IsEmpty
            ? await commands.RecordFinancingDecisionAsync(client, user, id, new FinancingDecisionRequest(decision, amount, reason), cancellationToken)
            : new CommandResult.Invalid(errors);

        if (result is CommandResult.Accepted)
        {
            return PageResults.SeeOther(ListPath, decision == "approved" ? Notice.FinancingApproved : Notice.FinancingRejected);
        }

        if (result is CommandResult.AgreementNotFound)
        {
            return await signedIn.ErrorAsync(context, user, ErrorPageKind.AgreementNotFound, StatusCodes.Status404NotFound);
        }

        if (result is CommandResult.Forbidden forbidden)
        {
            return await signedIn.ForbiddenAsync(context, user, forbidden.Detail);
        }

        var page = await ModelAsync(user, null, cancellationToken);
        return result switch
        {
            CommandResult.Invalid invalid => await PageAsync(
                page with { Form = new FinancingForm(id, decision, amountText, reason, new FieldErrors(invalid.Errors.ToDictionary())) }, frame!, StatusCodes.Status400BadRequest),
            CommandResult.Conflict conflict => await PageAsync(page with { Refusal = new FinancingRefusal(id, conflict.Detail) }, frame!, StatusCodes.Status409Conflict),
            CommandResult.Unavailable unavailable => await PageAsync(
                page with { Refusal = new FinancingRefusal(id, unavailable.Detail + " Prøv igen om lidt."), Form = new FinancingForm(id, decision, amountText, reason, FieldErrors.None) }, frame!, StatusCodes.Status503ServiceUnavailable),
            _ => throw new InvalidOperationException($"A financing decision cannot end as {result.GetType().Name}."),
        };
    }

    /// <summary>One page of the requests waiting for a finance approver in the person's municipalities.</summary>
    private async Task<FinancingPageModel> ModelAsync(CurrentUser user, string? token, CancellationToken cancellationToken)
    {
        var municipalities = user.Municipalities.Where(code => user.MayActAs(Roles.FinanceApprover, code)).Order(StringComparer.Ordinal).ToList();
        var page = municipalities.Count == 0
            ? new TaskPage([], null)
            : await board.ListOpenAsync(new TaskQuery([Roles.FinanceApprover], municipalities), token, PageSize, cancellationToken);
        var now = time.GetUtcNow();
        var views = await Task.WhenAll(page.Tasks
            .Where(task => task.Kind == TaskKind.FinancingToDecide && user.MayActAs(Roles.FinanceApprover, task.MunicipalityCode))
            .Select(task => ViewAsync(task, now, cancellationToken)));
        return new FinancingPageModel
        {
            Requests = views.OfType<FinancingRequestView>().OrderBy(view => view.RequestedAt).ToList(),
            NextPagePath = ListPaging.NextPath(ListPath, page.ContinuationToken),
            FirstPagePath = token is null ? null : ListPath,
            ReasonMaxLength = RequestValidation.TextLength,
        };
    }

    /// <summary>The request behind a task; null once it is decided (the workflow closes the task a moment later) or gone.</summary>
    private async Task<FinancingRequestView?> ViewAsync(CaseTask task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var agreement = await agreements.FindAsync(task.AgreementId, cancellationToken);
        if (agreement is null || agreement.Status != AgreementStatus.AwaitingFinancing
            || await decisions.FindAsync(task.AgreementId, DecisionSubjects.Financing, cancellationToken) is not null)
        {
            return null;
        }

        var businessCase = await documents.ReadJsonAsync<BusinessCase>(task.AgreementId, DocumentNames.BusinessCase, cancellationToken);
        var rules = PolicyCatalog.TryGet(agreement.PolicyName, out var policy) ? policy.Financing : null;
        return new FinancingRequestView(
            agreement.AgreementId,
            MunicipalityRegistry.NameOf(agreement.MunicipalityCode),
            agreement.HousingArea,
            task.OpenedAt,
            task.DueDate,
            task.IsOverdue(now),
            agreement.RequestedDkk,
            agreement.PolicyName,
            businessCase,
            rules?.AutoApprovalMaxDkk,
            rules?.MinGainToRequestedRatio);
    }

    private async Task<IResult> PageAsync(FinancingPageModel model, PageFrame frame, int status) =>
        PageResults.Html(await pages.RenderAsync<FinancingPage, FinancingPageModel>(model, frame), status);

    private Task<IResult> ForbiddenAsync(HttpContext context, CurrentUser user) =>
        signedIn.ForbiddenAsync(context, user, "Finansiering afgøres af bevillingsansvarlige.");

    private Task<IResult> InvalidLinkAsync(HttpContext context, CurrentUser user) =>
        signedIn.ErrorAsync(context, user, ErrorPageKind.InvalidPageLink, StatusCodes.Status400BadRequest, retryPath: ListPath);
}
