using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Functions.Http;

/// <summary>
/// The email-link endpoints for supervisors. App Service Authentication lets these through
/// without login; the handler checks the signed token instead (Links:RequireToken).
/// </summary>
public sealed class EscalationFunctions(EscalationEndpoints handlers)
{
    [Function("Escalations_Decide")]
    public Task<IActionResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.EscalationDecision)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string escalationId) =>
        handlers.DecideAsync(request, client, escalationId, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Escalations_DecisionPage")]
    public Task<IActionResult> DecisionPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.EscalationDecisionPage)] HttpRequest request,
        string escalationId) =>
        handlers.DecisionPageAsync(escalationId, request.Query["token"], request.HttpContext.RequestAborted).AsActionResult();
}
