using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Pages;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Functions.Http;

/// <summary>HTTP triggers for the register-extract upload page and its reports, each handing the request to the shared page handler.</summary>
public sealed class RegisterPageFunctions(RegisterExtractsPageHandler page)
{
    [Function("Pages_RegisterExtracts")]
    public Task<IActionResult> RegisterExtracts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.RegisterExtracts)] HttpRequest request) =>
        page.ShowAsync(request.HttpContext, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_RegisterExtractsUpload")]
    public Task<IActionResult> RegisterExtractsUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.RegisterExtracts)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        page.UploadAsync(request.HttpContext, client, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_RegisterExtractReport")]
    public Task<IActionResult> RegisterExtractReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.RegisterExtractReport)] HttpRequest request,
        string importId) =>
        page.ShowReportAsync(request.HttpContext, importId, request.HttpContext.RequestAborted).AsActionResult();
}
