using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Functions.Http;

/// <summary>
/// HTTP triggers for the pages and their static files (routes from the site root, <see cref="UiRoutes"/>),
/// each handing the request to the shared handler. The decision page keeps its address under
/// /api/escalations/, which App Service Authentication lets through: its link's signed token authorizes.
/// </summary>
public sealed class PageFunctions(DecisionPageEndpoints decisionPage)
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
}
