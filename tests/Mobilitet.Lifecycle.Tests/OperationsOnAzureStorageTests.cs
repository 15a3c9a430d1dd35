using System.Net;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The operator's actions on the local host's persistent engine (the DTFx Azure Storage provider behind the gRPC sidecar,
/// on Azurite), where the engine's restart replaces an ended instance in storage: retry re-runs the failed generation,
/// restart starts again from the last good step, terminate ends a running one (docs/operations.md).
/// </summary>
public sealed class OperationsOnAzureStorageTests(AzureStorageEngineHost host) : IClassFixture<AzureStorageEngineHost>
{
    [Fact]
    public async Task Retry_restart_and_terminate_work_on_the_Azure_Storage_engine()
    {
        // Pinned to a policy this version does not know: the workflow fails at once (a real day: no timer of its own fires).
        var id = await host.StartStoredAsync(agreement => agreement with { PolicyName = "standard-v0" });
        await host.WaitForStatusAsync(id, "Failed");
        await WaitForEngineAsync(id, OrchestrationRuntimeStatus.Failed);

        await ActAsync(id, "retry", new() { ["reason"] = "TransientFault" });
        await host.WaitForAsync(id, agreement => agreement.Text("status") == "Failed" && agreement.Array("timeline").Count(e => e.Text("kind") == "WorkflowFailed") == 2, "the re-run generation's failure");
        await WaitForEngineAsync(id, OrchestrationRuntimeStatus.Failed);

        var agreements = host.Services.GetRequiredService<IAgreementRepository>();
        var failedAt = (await agreements.FindAsync(id, CancellationToken.None))!.LastChangedAt;
        await agreements.UpdateAsync(id, failedAt, agreement => agreement with { PolicyName = "standard-v1" }, CancellationToken.None);
        await ActAsync(id, "restart", new() { ["reason"] = "DataCorrected" });
        await host.WaitForStatusAsync(id, "AwaitingConsent");
        await WaitForEngineAsync(id, OrchestrationRuntimeStatus.Running);

        await ActAsync(id, "terminate", new() { ["reason"] = "NotToContinue", ["note"] = "Testen er færdig" });
        await WaitForEngineAsync(id, OrchestrationRuntimeStatus.Terminated);
        Assert.Equal("Cancelled", (await host.GetAsync(id)).Text("status"));
    }

    private async Task ActAsync(string id, string action, JsonObject body)
    {
        using var response = await host.PostAsync($"/api/operations/agreements/{id}/{action}", body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private Task WaitForEngineAsync(string id, OrchestrationRuntimeStatus status) =>
        Eventually.WaitForAsync(() => host.Durable.GetInstanceAsync(id), instance => instance?.RuntimeStatus == status, $"{id} to be {status} in the engine");
}
