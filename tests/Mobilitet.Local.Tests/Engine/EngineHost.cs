using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mobilitet.Local.Engine;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;

namespace Mobilitet.Local.Tests.Engine;

/// <summary>
/// The local Durable Task engine in-process — the host's own <see cref="EngineServiceCollectionExtensions.AddLocalDurableEngine"/>
/// — running test tasks on a task hub of its own: on the shared Azurite for the Azure Storage
/// provider, or in memory (the reference the persistent engine should behave like).
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost host;

    private EngineHost(IHost host) => this.host = host;

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<EngineHost> StartAsync(EngineProvider provider, Action<DurableTaskRegistry> tasks)
    {
        var azurite = await AzuriteFixture.GetSharedAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{EngineOptions.Section}:{nameof(EngineOptions.Provider)}"] = provider.ToString(),
            [$"{EngineOptions.Section}:{nameof(EngineOptions.TaskHub)}"] = "engine" + Guid.NewGuid().ToString("N")[..12],
            ["Storage:ConnectionString"] = azurite.ConnectionString,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddLocalDurableEngine(builder.Configuration, tasks);
        var host = builder.Build();
        await host.StartAsync();
        return new EngineHost(host);
    }

    /// <summary>Polls until the instance has finished (completed, failed or terminated) and returns it with inputs and outputs.</summary>
    public async Task<OrchestrationMetadata> WaitForFinishAsync(string instanceId) =>
        (await Eventually.WaitForAsync(
            () => Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true),
            instance => instance is { IsCompleted: true },
            $"{instanceId} to finish"))!;

    public async Task<OrchestrationMetadata> WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status) =>
        (await Eventually.WaitForAsync(
            () => Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true),
            instance => instance?.RuntimeStatus == status,
            $"{instanceId} to be {status}"))!;

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        await ((IAsyncDisposable)host).DisposeAsync(); // the sidecar disposes asynchronously only
    }
}
