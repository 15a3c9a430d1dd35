using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Pages;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Functions.Http;

/// <summary>
/// HTTP triggers for the pages and their static files (routes from the site root, <see cref="UiRoutes"/>),
/// each handing the request to the shared handler (the same ones the local host maps in MapMobilitetPages). The decision page keeps its address under
/// /api/escalations/, which App Service Authentication lets through: its link's signed token authorizes.
/// </summary>
public sealed class PageFunctions(
    DecisionPageEndpoints decisionPage,
    NewAgreementPageHandler newAgreementPage,
    AgreementDetailsPageHandler agreementPage,
    Mobilitet.Workflows.Hosting.WellBeing.CheckInPageEndpoints checkInPage)
{
    [Function("Pages_Static")]
    public static IActionResult Static(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.Static)] HttpRequest request,
        string path) =>
        new ResultActionResult(StaticFileEndpoints.Get(request, path));

    [Function("Pages_EscalationDecision")]
    public Task<IActionResult> EscalationDecision(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.EscalationDecisionPage)] HttpRequest request,
        string escalationId) =>
        decisionPage.ShowAsync(request.HttpContext, escalationId, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_EscalationDecide")]
    public Task<IActionResult> EscalationDecide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.EscalationDecisionPage)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string escalationId) =>
        decisionPage.DecideAsync(request.HttpContext, client, escalationId, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_NewAgreement")]
    public Task<IActionResult> NewAgreement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.NewAgreement)] HttpRequest request) =>
        newAgreementPage.ShowAsync(request.HttpContext).AsActionResult();

    [Function("Pages_NewAgreementCreate")]
    public Task<IActionResult> NewAgreementCreate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.NewAgreement)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        newAgreementPage.CreateAsync(request.HttpContext, client, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_CheckIn")]
    public Task<IActionResult> CheckIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.CheckIn)] HttpRequest request) =>
        checkInPage.ShowAsync(request.HttpContext, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_CheckInAnswer")]
    public Task<IActionResult> CheckInAnswer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.CheckIn)] HttpRequest request) =>
        checkInPage.AnswerAsync(request.HttpContext, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_Agreement")]
    public Task<IActionResult> Agreement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.Agreement)] HttpRequest request,
        string id) =>
        agreementPage.ShowAsync(request.HttpContext, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_AgreementMeasurementReport")]
    public Task<IActionResult> AgreementMeasurementReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.AgreementMeasurementReport)] HttpRequest request,
        string id,
        string milestone) =>
        agreementPage.ShowMeasurementReportAsync(request.HttpContext, id, milestone, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_AgreementConsent")]
    public Task<IActionResult> AgreementConsent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.AgreementConsent)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        agreementPage.RecordConsentAsync(request.HttpContext, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_AgreementFinancing")]
    public Task<IActionResult> AgreementFinancing(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.AgreementFinancing)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        agreementPage.RecordFinancingDecisionAsync(request.HttpContext, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_AgreementMove")]
    public Task<IActionResult> AgreementMove(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.AgreementMove)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        agreementPage.RecordMoveAsync(request.HttpContext, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_AgreementSettlementReport")]
    public Task<IActionResult> AgreementSettlementReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.AgreementSettlementReport)] HttpRequest request,
        string id) =>
        agreementPage.ShowSettlementReportAsync(request.HttpContext, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_AgreementMeasurement")]
    public Task<IActionResult> AgreementMeasurement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.AgreementMeasurement)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        agreementPage.RecordMeasurementAsync(request.HttpContext, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_AgreementCancel")]
    public Task<IActionResult> AgreementCancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.AgreementCancel)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        agreementPage.CancelAsync(request.HttpContext, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_AgreementWithdrawConsent")]
    public Task<IActionResult> AgreementWithdrawConsent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.AgreementWithdrawConsent)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        agreementPage.WithdrawConsentAsync(request.HttpContext, client, id, request.HttpContext.RequestAborted).AsActionResult();
}
