using System.Net;
using System.Net.Sockets;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Options;

namespace Mobilitet.Local.Engine;

/// <summary>
/// The Durable Task engine on one machine: the gRPC sidecar (TaskHubGrpcServer from
/// Microsoft.DurableTask.InProcessTestHost) over an orchestration service, listening on a loopback
/// port of its own. The app's Durable Task worker and client connect to it as they would to a
/// remote scheduler. Registered as a hosted service before the worker, so it starts first and stops last.
/// </summary>
public sealed partial class DurableSidecar(
    SidecarEndpoint endpoint,
    IOptions<EngineOptions> options,
    IConfiguration configuration,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    /// <summary>gRPC messages carry orchestration histories; the 4 MB default leaves large ones hanging.</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    private readonly ILogger logger = loggerFactory.CreateLogger<DurableSidecar>();
    private WebApplication? host;
    private OrchestrationServiceProxy? proxy;

    /// <summary>What the engine runs on, for health reports.</summary>
    public IOrchestrationService? Service { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var engine = options.Value;
        var service = await OrchestrationServices.CreateAsync(engine, configuration["Storage:ConnectionString"], loggerFactory);
        (var dispatched, proxy) = OrchestrationServiceProxy.Wrap(service, engine.MaxConcurrentOrchestrations, engine.MaxConcurrentActivities);
        Service = service;

        // An empty builder: the app's own configuration (its URLs, its logging) is not the sidecar's.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, endpoint.Port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddRouting();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = MaxMessageBytes;
            grpc.MaxSendMessageSize = MaxMessageBytes;
        });
        builder.Services.AddSingleton(dispatched);
        // Query and purge need the provider's own client; failure details need the proxy around it.
        builder.Services.AddSingleton<IOrchestrationServiceClient>(OrchestrationClientProxy.Wrap((IOrchestrationServiceClient)service));
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        host = builder.Build();
        host.MapGrpcService<TaskHubGrpcServer>();
        await host.StartAsync(cancellationToken);
        LogStarted(endpoint.Address, engine.Provider, engine.TaskHub);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (host is null)
        {
            return;
        }

        await host.StopAsync(cancellationToken);
        if (proxy is { Started: true } && Service is not null
            && !await Completes(proxy.Stopped, TimeSpan.FromSeconds(5)))
        {
            // The sidecar stops the provider from an async void handler, and only after its work
            // items have finished — which they never do once the worker (stopped before us) is gone;
            // they come back after the message visibility timeout. So stop the provider here and
            // wait for it: its partition leases are released and the next start need not wait for them.
            if (!await Completes(Service.StopAsync(), TimeSpan.FromSeconds(30)))
            {
                LogSlowStop();
            }
        }
    }

    private static async Task<bool> Completes(Task task, TimeSpan within) =>
        await Task.WhenAny(task, Task.Delay(within)).ConfigureAwait(false) == task;

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The orchestration service did not stop within 30 s; its leases expire by themselves")]
    private partial void LogSlowStop();

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable Task engine listening on {Address} ({Provider}, task hub {TaskHub})")]
    private partial void LogStarted(Uri address, EngineProvider provider, string taskHub);
}

/// <summary>The sidecar's address, chosen when services are registered so the worker and client can be pointed at it.</summary>
public sealed class SidecarEndpoint
{
    public SidecarEndpoint(int port = 0)
    {
        Port = port > 0 ? port : FreeLoopbackPort();
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
