using DurableTask.Core;
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

    private EngineHost(IHost host, string taskHub)
    {
        this.host = host;
        TaskHub = taskHub;
    }

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public string TaskHub { get; }

    /// <summary>The provider the sidecar runs on, to do what the engine itself would (send a message again).</summary>
    public IOrchestrationServiceClient ServiceClient => (IOrchestrationServiceClient)host.Services.GetRequiredService<DurableSidecar>().Service!;

    /// <param name="connectionString">The storage to run on; default: the shared Azurite.</param>
    /// <param name="logging">More logging than the default (warnings), e.g. the provider's at Information into a capture.</param>
    public static async Task<EngineHost> StartAsync(EngineProvider provider, Action<DurableTaskRegistry> tasks, string? connectionString = null, Action<ILoggingBuilder>? logging = null)
    {
        connectionString ??= (await AzuriteFixture.GetSharedAsync()).ConnectionString;
        var taskHub = "engine" + Guid.NewGuid().ToString("N")[..12];
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{EngineOptions.Section}:{nameof(EngineOptions.Provider)}"] = provider.ToString(),
            [$"{EngineOptions.Section}:{nameof(EngineOptions.TaskHub)}"] = taskHub,
            ["Storage:ConnectionString"] = connectionString,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        builder.Services.AddLocalDurableEngine(builder.Configuration, tasks);
        var host = builder.Build();
        await host.StartAsync();
        return new EngineHost(host, taskHub);
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
