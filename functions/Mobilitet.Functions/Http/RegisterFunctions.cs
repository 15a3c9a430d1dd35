using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Functions.Http;

/// <summary>The register-extract upload: hands the request to the shared handler (sign-in as for <see cref="AgreementFunctions"/>).</summary>
public sealed class RegisterFunctions(RegisterEndpoints handlers)
{
    [Function("Registers_UploadExtract")]
    public Task<IActionResult> UploadExtract(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Base + ApiRoutes.RegisterExtracts)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        handlers.UploadExtractAsync(request, client, request.HttpContext.RequestAborted).AsActionResult();
}
