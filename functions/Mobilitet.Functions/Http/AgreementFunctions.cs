using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Functions.Http;

/// <summary>
/// HTTP triggers for the agreements API: each one hands the request to the shared handler.
/// Sign-in is App Service Authentication's job (Entra ID), hence Anonymous here; the shared handlers
/// read the X-MS-CLIENT-PRINCIPAL header it sets and check roles and municipalities.
/// </summary>
public sealed class AgreementFunctions(AgreementEndpoints handlers, MunicipalityEndpoints municipalities, AuditEndpoints audit, CprSearchEndpoints search)
{
    [Function("Agreements_Create")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.Agreements)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        handlers.CreateAsync(request, client, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Agreements_List")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Base + ApiRoutes.Agreements)] HttpRequest request) =>
        handlers.ListAsync(request, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Agreements_SearchByCpr")]
    public Task<IActionResult> SearchByCpr(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.AgreementSearch)] HttpRequest request) =>
        search.SearchAsync(request, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Agreements_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Base + ApiRoutes.Agreement)] HttpRequest request,
        string id) =>
        handlers.GetAsync(request, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Agreements_Status")]
    public Task<IActionResult> Status(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Base + ApiRoutes.AgreementStatus)] HttpRequest request,
        string id) =>
        handlers.GetStatusAsync(request, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Agreements_PersonalData")]
    public Task<IActionResult> PersonalData(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Base + ApiRoutes.PersonalData)] HttpRequest request,
        string id) =>
        handlers.GetPersonalDataAsync(request, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Agreements_Consent")]
    public Task<IActionResult> Consent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.Consent)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        handlers.RecordConsentAsync(request, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Agreements_Financing")]
    public Task<IActionResult> Financing(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.Financing)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        handlers.RecordFinancingDecisionAsync(request, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Agreements_Move")]
    public Task<IActionResult> Move(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.Move)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        handlers.RecordMoveAsync(request, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Agreements_Measurements")]
    public Task<IActionResult> Measurement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.Measurements)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        handlers.RecordMeasurementAsync(request, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Agreements_WithdrawConsent")]
    public Task<IActionResult> WithdrawConsent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.WithdrawConsent)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        handlers.WithdrawConsentAsync(request, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Agreements_Cancel")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.Cancel)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        handlers.CancelAsync(request, client, id, request.HttpContext.RequestAborted).AsActionResult();

    [Function("Municipalities_List")]
    public IActionResult Municipalities(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Base + ApiRoutes.Municipalities)] HttpRequest request) =>
        new ResultActionResult(municipalities.List(request));

    [Function("Audit_List")]
    public Task<IActionResult> Audit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Base + ApiRoutes.Audit)] HttpRequest request) =>
        audit.ListAsync(request, request.HttpContext.RequestAborted).AsActionResult();
}
