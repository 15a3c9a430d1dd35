using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Functions.Http;

/// <summary>
/// A supervisor's decision as JSON (the email link's page is in <see cref="PageFunctions"/>). App Service
/// Authentication lets /api/escalations/* through without login; the handler checks the signed token
/// instead (Links:RequireToken).
/// </summary>
public sealed class EscalationFunctions(EscalationEndpoints handlers, FollowUpEndpoints followUps)
{
    /// <summary>Under /api/agreements/, so App Service Authentication requires sign-in; the handler checks the caseworker's municipality.</summary>
    [Function("FollowUps_Done")]
    public Task<IActionResult> FollowUpDone(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.FollowUpDone)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        string escalationId) =>
        followUps.DoneAsync(request, client, id, escalationId, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Escalations_Decide")]
    public Task<IActionResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.EscalationDecision)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string escalationId) =>
        handlers.DecideAsync(request, client, escalationId, request.HttpContext.RequestAborted).AsActionResult();
}
