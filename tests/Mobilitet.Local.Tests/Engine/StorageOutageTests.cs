using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mobilitet.Local.Engine;
using Mobilitet.Local.Storage;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;

namespace Mobilitet.Local.Tests.Engine;

/// <summary>
/// An activity that ends while the storage is away: its result cannot be sent, nor its message put back. Once the
/// storage is back the orchestration must get on, in the same process, without a restart (issue 13: the host recovers
/// from an outage by itself). The engine runs on an Azurite of its own, which the test stops and starts.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private static readonly TaskCompletionSource Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly AzuriteEndpoints endpoints;
    private readonly string location = Path.Combine(Path.GetTempPath(), "mobilitet-outage-" + Guid.NewGuid().ToString("N")[..12]);
    private AzuriteProcess? azurite;

    public StorageOutageTests()
    {
        var ports = FreePort.Get(3);
        endpoints = new AzuriteEndpoints(ports[0], ports[1], ports[2]);
    }

    public async Task InitializeAsync() => azurite = await StartAzuriteAsync();

    public async Task DisposeAsync()
    {
        if (AzuriteProcess.TryAdopt(location, endpoints) is { } running)
        {
            await running.StopAsync(TimeSpan.Zero);
        }

        if (Directory.Exists(location))
        {
            Directory.Delete(location, recursive: true);
        }
    }

    [Fact]
    public async Task An_activity_that_ends_while_storage_is_away_completes_its_orchestration_once_storage_is_back()
    {
        await using var engine = await EngineHost.StartAsync(
            EngineProvider.AzureStorage,
            registry => registry.AddOrchestrator<OneActivity>().AddActivity<GatedActivity>(),
            endpoints.ConnectionString);
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(OneActivity), "input");
        await Entered.Task.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(await azurite!.StopAsync(TimeSpan.FromMinutes(1)), "Azurite must stop by itself (a kill would lose writes)");
        Release.SetResult();
        await Task.Delay(TimeSpan.FromSeconds(40)); // the result cannot be sent, nor the message put back; it becomes visible meanwhile
        azurite = await StartAzuriteAsync();

        var finished = await Eventually.WaitForAsync(
            () => engine.Client.GetInstanceAsync(id, getInputsAndOutputs: true),
            instance => instance is { IsCompleted: true },
            $"{id} to finish after the outage",
            TimeSpan.FromMinutes(4));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished!.RuntimeStatus);
        Assert.Equal("done: input", finished.ReadOutputAs<string>());
    }

    private Task<AzuriteProcess> StartAzuriteAsync() =>
        AzuriteProcess.StartAsync(AzuriteFixture.FindRepositoryRoot(), location, endpoints, TimeSpan.FromSeconds(60), CancellationToken.None, ownerProcessId: Environment.ProcessId);

    private sealed class OneActivity : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
            context.CallActivityAsync<string>(nameof(GatedActivity), input);
    }

    private sealed class GatedActivity : TaskActivity<string, string>
    {
        public override async Task<string> RunAsync(TaskActivityContext context, string input)
        {
            Entered.TrySetResult();
            await Release.Task;
            return "done: " + input;
        }
    }
}
