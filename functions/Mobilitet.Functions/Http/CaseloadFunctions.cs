using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Pages;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Functions.Http;

/// <summary>The caseload import (API and pages): hands each request to the shared handler, as the local host maps them.</summary>
public sealed class CaseloadFunctions(CaseloadEndpoints handlers, CaseloadImportPageHandler page)
{
    [Function("Agreements_ImportCaseload")]
    public Task<IActionResult> ImportCaseload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.CaseloadImports)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        handlers.ImportAsync(request, client, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Agreements_CaseloadImport")]
    public Task<IActionResult> CaseloadImport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Base + ApiRoutes.CaseloadImport)] HttpRequest request,
        string importId) =>
        handlers.GetAsync(request, importId, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_CaseloadImport")]
    public Task<IActionResult> ImportPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.CaseloadImport)] HttpRequest request) =>
        page.ShowAsync(request.HttpContext).AsActionResult();

    [Function("Pages_CaseloadImportUpload")]
    public Task<IActionResult> ImportPageUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.CaseloadImport)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        page.ImportAsync(request.HttpContext, client, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_CaseloadImportStatus")]
    public Task<IActionResult> ImportStatusPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.CaseloadImportStatus)] HttpRequest request,
        string importId) =>
        page.StatusAsync(request.HttpContext, importId, request.HttpContext.RequestAborted).AsActionResult();
}
