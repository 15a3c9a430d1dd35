using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Functions.Http;

/// <summary>The effect dashboard's aggregates (JSON or CSV): hands the request to the shared handler (sign-in as for <see cref="AgreementFunctions"/>).</summary>
public sealed class EffectFunctions(EffectEndpoints handlers)
{
    [Function("Effects_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Base + ApiRoutes.Effects)] HttpRequest request) =>
        handlers.GetAsync(request, request.HttpContext.RequestAborted).AsActionResult();
}
