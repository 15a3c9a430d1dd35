using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using Mobilitet.Functions.Configuration;
using Mobilitet.Functions.Middleware;
using Mobilitet.Workflows.Hosting.Composition;
using Mobilitet.Workflows.Notifications;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<NoSniffMiddleware>();
builder.UseMiddleware<ProblemOnExceptionMiddleware>();
builder.Services.AddMobilitetWorkflows(builder.Configuration);

// OpenTelemetry (registered in AddMobilitetWorkflows) with the worker's function invocation spans, to Application
// Insights when it is configured (host.json's telemetryMode makes the host do the same). Application Insights accepts
// only Entra-authenticated telemetry (local auth is off in infra): the exporter authenticates with the app's
// user-assigned identity.
var telemetry = builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    var clientId = builder.Configuration["AZURE_CLIENT_ID"];
    telemetry.UseAzureMonitorExporter(exporter =>
    {
        exporter.ConnectionString = builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        exporter.Credential = string.IsNullOrEmpty(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    });
}

// Here App Service Authentication sets X-MS-CLIENT-PRINCIPAL (and strips any a client sends): no
// development identity, whatever configuration says.
builder.Services.PostConfigure<Mobilitet.Workflows.Hosting.Identity.IdentityOptions>(identity =>
{
    identity.HeaderSetByPlatform = true;
    identity.Development = false;
});
builder.Services.AddSingleton<IPublicBaseAddress, AppServicePublicBaseAddress>();

await builder.Build().RunAsync();
