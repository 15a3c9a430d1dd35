using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Forms;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// "Finansiering" (/finansiering, finance approvers): the FinancingToDecide tasks of the person's municipalities
/// from the task board (read by key, by deadline — for one policy, the oldest request first), each with its
/// business case; and the forms' posts (<see cref="UiRoutes.FinancingDecision"/>), read by the same
/// <see cref="FinancingDecisionForm"/> as the agreement page's financing form and handed to the same
/// <see cref="AgreementCommands.RecordFinancingDecisionAsync"/>, which come back to this list (<see cref="ListPages"/>).
/// </summary>
public sealed class FinancingPageHandler(
    ListPages lists,
    AgreementCommands commands,
    ITaskBoard board,
    IAgreementRepository agreements,
    IDocumentStore documents,
    IDecisionLog decisions,
    TimeProvider time)
{
    public const int PageSize = 20;

    private const string NotAnApprover = "Finansiering afgøres af bevillingsansvarlige.";

    private static readonly string ListPath = UiRoutes.PathOf(UiRoutes.Financing);

    public Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken) =>
        lists.ShowAsync<FinancingPage, FinancingPageModel>(context, Roles.FinanceApprover, NotAnApprover, ListPath, (user, token) => ModelAsync(user, token, cancellationToken));

    /// <summary>POST /finansiering/{id}/afgoerelse: decision (approved | rejected), approvedDkk (Danish number), reason, antiforgery token.</summary>
    public Task<IResult> DecideAsync(HttpContext context, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        lists.DecideAsync<FinancingPage, FinancingDecisionRequest, FinancingPageModel>(
            context,
            new ListDecision<FinancingDecisionRequest, FinancingPageModel>
            {
                Role = Roles.FinanceApprover,
                NotInRole = NotAnApprover,
                ListPath = ListPath,
                ItemId = id,
                Fields = FinancingDecisionForm.Fields,
                Read = FinancingDecisionForm.Read,
                Command = (user, request) => commands.RecordFinancingDecisionAsync(client, user, id, request, cancellationToken),
                Accepted = request => request.Decision == "approved" ? Notice.FinancingApproved : Notice.FinancingRejected,
                FirstPage = user => ModelAsync(user, null, cancellationToken),
                SentBack = (model, form, refusal) => model with { Form = form, Refusal = refusal },
            },
            cancellationToken);

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
        var instrument = agreement.Instrument();
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
            instrument.AutoApprovalMaxDkk,
            instrument.RequiredGainMultiple);
    }
}
