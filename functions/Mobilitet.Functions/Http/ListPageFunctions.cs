using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Pages;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Functions.Http;

/// <summary>
/// HTTP triggers for the list pages (Mine opgaver, Aftaler, Finansiering, Eskaleringer, Revision, Fejlede e-mails, Effekt,
/// Portefølje) and the decision forms on them, each handing the request to its shared page handler.
/// </summary>
public sealed class ListPageFunctions(
    MyTasksPageHandler myTasks,
    AgreementListPageHandler agreements,
    FinancingPageHandler financing,
    EscalationsPageHandler escalations,
    AuditPageHandler audit,
    FailedNotificationsPageHandler failedNotifications,
    EffectsPageHandler effects,
    PortfolioPageHandler portfolio)
{
    /// <summary>The site root (<see cref="UiRoutes.HomeTemplate"/>: a trigger's route cannot be empty).</summary>
    [Function("Pages_MyTasks")]
    public Task<IActionResult> MyTasks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.HomeTemplate)] HttpRequest request) =>
        myTasks.ShowAsync(request.HttpContext, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_Agreements")]
    public Task<IActionResult> Agreements(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.Agreements)] HttpRequest request) =>
        agreements.ShowAsync(request.HttpContext, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_AgreementsSearchByCpr")]
    public Task<IActionResult> AgreementsSearchByCpr(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.Agreements)] HttpRequest request) =>
        agreements.SearchByCprAsync(request.HttpContext, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_FollowUpDone")]
    public Task<IActionResult> FollowUpDone(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.FollowUpDone)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string escalationId) =>
        myTasks.FollowUpDoneAsync(request.HttpContext, client, escalationId, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_Financing")]
    public Task<IActionResult> Financing(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.Financing)] HttpRequest request) =>
        financing.ShowAsync(request.HttpContext, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_FinancingDecide")]
    public Task<IActionResult> FinancingDecide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.FinancingDecision)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        financing.DecideAsync(request.HttpContext, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_Escalations")]
    public Task<IActionResult> Escalations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.Escalations)] HttpRequest request) =>
        escalations.ShowAsync(request.HttpContext, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_EscalationsDecide")]
    public Task<IActionResult> EscalationsDecide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.EscalationDecision)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string escalationId) =>
        escalations.DecideAsync(request.HttpContext, client, escalationId, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_Audit")]
    public Task<IActionResult> Audit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.Audit)] HttpRequest request) =>
        audit.ShowAsync(request.HttpContext, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_FailedNotifications")]
    public Task<IActionResult> FailedNotifications(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.FailedNotifications)] HttpRequest request) =>
        failedNotifications.ShowAsync(request.HttpContext, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_Effects")]
    public Task<IActionResult> Effects(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.Effects)] HttpRequest request) =>
        effects.ShowAsync(request.HttpContext, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_Portfolio")]
    public Task<IActionResult> Portfolio(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.Portfolio)] HttpRequest request) =>
        portfolio.ShowAsync(request.HttpContext, request.HttpContext.RequestAborted).AsActionResult();
}
