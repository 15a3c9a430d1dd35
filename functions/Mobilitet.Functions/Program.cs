using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mobilitet.Functions.Configuration;
using Mobilitet.Functions.Middleware;
using Mobilitet.Workflows.Hosting.Composition;
using Mobilitet.Workflows.Notifications;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<NoSniffMiddleware>();
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// Application Insights accepts only Entra-authenticated telemetry (local auth is off in infra):
// the worker's own telemetry authenticates with the app's user-assigned identity.
if (builder.Configuration["AZURE_CLIENT_ID"] is { Length: > 0 } clientId)
{
    builder.Services.Configure<TelemetryConfiguration>(telemetry =>
        telemetry.SetAzureTokenCredential(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))));
}

builder.Services.AddMobilitetWorkflows(builder.Configuration);

// Here App Service Authentication sets X-MS-CLIENT-PRINCIPAL (and strips any a client sends): no
// development identity, whatever configuration says.
builder.Services.PostConfigure<Mobilitet.Workflows.Hosting.Identity.IdentityOptions>(identity =>
{
    identity.HeaderSetByPlatform = true;
    identity.Development = false;
});
builder.Services.AddSingleton<IPublicBaseAddress, AppServicePublicBaseAddress>();

await builder.Build().RunAsync();
