using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Functions.Http;

/// <summary>The financing portfolio (JSON or CSV): hands the request to the shared handler (sign-in as for <see cref="AgreementFunctions"/>).</summary>
public sealed class PortfolioFunctions(PortfolioEndpoints handlers)
{
    [Function("Financing_Portfolio")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Base + ApiRoutes.FinancingPortfolio)] HttpRequest request) =>
        handlers.GetAsync(request, request.HttpContext.RequestAborted).AsActionResult();
}
