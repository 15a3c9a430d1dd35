using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Operations;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Functions.Http;

/// <summary>HTTP triggers for the operator tools: the Drift page and its form, and the operations API, each handing the request to its shared handler.</summary>
public sealed class OperationsFunctions(OperationsEndpoints api, OperationsPageHandler page)
{
    [Function("Operations_List")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Base + ApiRoutes.OperationsAgreements)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.ListAsync(request, client, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Operations_Retry")]
    public Task<IActionResult> Retry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.OperationsRetry)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        api.RetryAsync(request, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Operations_Restart")]
    public Task<IActionResult> Restart(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.OperationsRestart)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        api.RestartAsync(request, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Operations_Terminate")]
    public Task<IActionResult> Terminate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.OperationsTerminate)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        api.TerminateAsync(request, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_Operations")]
    public Task<IActionResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.Operations)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        page.ShowAsync(request.HttpContext, client, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Pages_OperationsAction")]
    public Task<IActionResult> Act(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UiRoutes.OperationsAction)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        page.ActAsync(request.HttpContext, client, id, request.HttpContext.RequestAborted).AsActionResult();
}
