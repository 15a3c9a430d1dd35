using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Mobilitet.Workflows.Hosting.Health;

namespace Mobilitet.Functions.Http;

/// <summary>
/// GET /api/health: the shared health checks (<see cref="MobilitetHealth"/>) run by <see cref="HealthCheckService"/>.
/// A Functions app has no ASP.NET Core endpoint routing of its own, so it cannot MapHealthChecks as the local host
/// does; this trigger answers with the same report and status codes. Anonymous (excluded from sign-in in infra) for probes.
/// </summary>
public sealed class HealthFunctions(HealthCheckService health)
{
    [Function("Health")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = MobilitetHealth.Route)] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HealthReportResult(await health.CheckHealthAsync(request.HttpContext.RequestAborted));
    }

    private sealed class HealthReportResult(HealthReport report) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            context.HttpContext.Response.StatusCode = HealthReportWriter.StatusCodeOf(report);
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return HealthReportWriter.WriteAsync(context.HttpContext, report);
        }
    }
}
