using Grpc.Net.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Local.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the local Durable Task engine (sidecar), and a worker and client connected to it that
    /// run the workflow's tasks — the same list the Functions app registers.
    /// </summary>
    /// <param name="tasks">The tasks the worker runs instead of the workflow's (tests of the engine itself).</param>
    public static IServiceCollection AddLocalDurableEngine(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry>? tasks = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EngineOptions>().Bind(configuration.GetSection(EngineOptions.Section));
        var endpoint = new SidecarEndpoint(configuration.GetValue<int>("Engine:Port"));
        services.AddSingleton(endpoint);
        var (runs, newInstances) = (configuration.GetSection(EngineOptions.Section).Get<EngineOptions>() ?? new EngineOptions()).Versions();
        services.AddSingleton<DurableSidecar>();
        services.AddHostedService(provider => provider.GetRequiredService<DurableSidecar>());

        var channel = GrpcChannel.ForAddress(endpoint.Address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = DurableSidecar.MaxMessageBytes,
            MaxSendMessageSize = DurableSidecar.MaxMessageBytes,
        });
        services.AddSingleton(channel);

        services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(grpc =>
            {
                grpc.Channel = channel;

                // The sidecar sends no health pings, so the worker would take every quiet two minutes
                // for a dead stream and reconnect — and the sidecar can lose its dispatch signal in that
                // reconnect. Both run in this process: there is no silent network failure to detect.
                grpc.SetSilentDisconnectTimeout(TimeSpan.Zero);
            });
            worker.AddTasks(tasks ?? (registry => registry.AddWorkflowTasks()));
            worker.Configure(options =>
            {
                options.Versioning = new DurableTaskWorkerOptions.VersioningOptions
                {
                    Version = runs,
                    DefaultVersion = newInstances,
                    MatchStrategy = DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder,
                    FailureStrategy = DurableTaskWorkerOptions.VersionFailureStrategy.Reject,
                };
            });
        });
        // From 1.2 agreements start escalations through the client, not as sub-orchestrations.
        services.AddSingleton<Mobilitet.Workflows.Workflow.Activities.IEscalationStarter, Mobilitet.Workflows.Hosting.Commands.ClientEscalationStarter>();
        services.AddSingleton<Mobilitet.Workflows.Caseload.ICaseloadImportRunner, Mobilitet.Workflows.Hosting.Commands.ClientCaseloadImportRunner>();
        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.Configure(options => options.DefaultVersion = newInstances);
        });
        return services;
    }
}
