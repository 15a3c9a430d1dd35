using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mobilitet.Local.Engine;
using Mobilitet.Testing;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Benchmarks.Harness;

/// <summary>
/// The bare-engine baseline: the same engine, provider and worker as the local host, running an orchestration
/// of the lifecycle's happy-path shape with trivial bodies — as many activities, external events, timers and
/// generations (ContinueAsNew, including a milestone's waits of more than <see cref="LifecycleRun.HorizonDays"/>)
/// as a 1.3 agreement that runs <see cref="ScriptedAgreement"/> — and no HTTP, no validation, no storage of our own.
/// </summary>
internal sealed class BareLifecycle : IAsyncDisposable
{
    public const string OrchestrationName = "BareLifecycle";

    // The 1.2 happy path: generation 1 (consent, financing), 2 (move), 3–5 (M3, M12, M36).
    private static readonly int[] ActivitiesPerGeneration = [6, 3, 1, 1, 3];
    private static readonly string[] EventPerGeneration = ["ConsentDecided", "MoveRecorded", "MeasurementRecorded", "MeasurementRecorded", "MeasurementRecorded"];

    private readonly IHost host;
    private int started;

    private BareLifecycle(IHost host)
    {
        this.host = host;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public static async Task<BareLifecycle> StartAsync(EngineProvider provider, TimeSpan dayLength, string storage, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder();
        BenchmarkLogging.Configure(builder.Logging);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engine:Provider"] = provider.ToString(),
            ["Engine:TaskHub"] = BenchmarkHost.TaskHubName(AzuriteFixture.NewTablePrefix()),
            ["Storage:ConnectionString"] = storage,
        });
        builder.Services.AddLocalDurableEngine(builder.Configuration, registry => registry
            .AddActivityFunc<int, int>("Trivial", (_, input) => input)
            .AddOrchestratorFunc<BareInput, string>(OrchestrationName, (context, input) => RunGenerationAsync(context, input!, dayLength)));
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new BareLifecycle(host);
    }

    /// <summary>
    /// Starts one instance and drives it as <see cref="ScriptedAgreement"/> drives an agreement: the consent
    /// once it runs, the move once it waits for it, the measurements once it monitors (polled every 50 ms, as
    /// the script polls the API), inside one of the limited <paramref name="clients"/>; then waits for it to complete.
    /// </summary>
    public async Task RunOneAsync(TimeSpan deadline, SemaphoreSlim clients)
    {
        var id = $"bare-{Interlocked.Increment(ref started)}-{Guid.NewGuid():N}";
        using var wait = new CancellationTokenSource(deadline);
        await clients.WaitAsync(wait.Token);
        try
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationName, new BareInput(0, DateTime.MinValue), new StartOrchestrationOptions { InstanceId = id });
            await Client.WaitForInstanceStartAsync(id, wait.Token);
            await Client.RaiseEventAsync(id, EventPerGeneration[0], true);
            await WaitForPhaseAsync(id, 1, wait.Token);
            await Client.RaiseEventAsync(id, EventPerGeneration[1], true);
            await WaitForPhaseAsync(id, 2, wait.Token);
            foreach (var name in EventPerGeneration.Skip(2))
            {
                await Client.RaiseEventAsync(id, name, true);
            }
        }
        finally
        {
            clients.Release();
        }

        var done = await Client.WaitForInstanceCompletionAsync(id, wait.Token);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{id} ended {done.RuntimeStatus}");
        }
    }

    private async Task WaitForPhaseAsync(string id, int generation, CancellationToken cancellation)
    {
        while ((await Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellation))?.SerializedCustomStatus is not { } status
            || int.Parse(status, System.Globalization.CultureInfo.InvariantCulture) < generation)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    private static async Task<string> RunGenerationAsync(TaskOrchestrationContext context, BareInput input, TimeSpan dayLength)
    {
        context.SetCustomStatus(input.Generation);
        var movedAt = input.MovedAt;
        var monitoring = input.Generation >= 2;
        if (!monitoring)
        {
            await RunActivitiesAsync(context, input.Generation);
        }

        // Consent and the move race their event against a timer, as the lifecycle does; a milestone waits for its
        // due date, at most LifecycleRun.HorizonDays at a time (a longer wait continues as new, as the lifecycle's
        // generations do), and data recorded early wakes it without starting another timer.
        var due = input.Generation switch
        {
            < 2 => context.CurrentUtcDateTime.Add(dayLength * 30),
            2 => movedAt.Add(dayLength * 91),
            3 => movedAt.Add(dayLength * 365),
            _ => movedAt.Add(dayLength * 1096),
        };
        var horizon = context.CurrentUtcDateTime.Add(dayLength * LifecycleRun.HorizonDays);
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(monitoring && due > horizon ? horizon : due, cancel.Token);
        if (!monitoring)
        {
            var received = context.WaitForExternalEvent<bool>(EventPerGeneration[input.Generation]);
            if (await Task.WhenAny(received, timer) == received)
            {
                cancel.Cancel();
            }
        }
        else
        {
            while (await Task.WhenAny(context.WaitForExternalEvent<bool>(EventPerGeneration[input.Generation]), timer) != timer)
            {
            }

            if (due > horizon)
            {
                context.ContinueAsNew(input);
                return "continued";
            }

            await RunActivitiesAsync(context, input.Generation);
        }

        if (input.Generation == 1)
        {
            movedAt = context.CurrentUtcDateTime;
        }

        if (input.Generation + 1 < ActivitiesPerGeneration.Length)
        {
            context.ContinueAsNew(new BareInput(input.Generation + 1, movedAt));
            return "continued";
        }

        return "completed";
    }

    private static async Task RunActivitiesAsync(TaskOrchestrationContext context, int generation)
    {
        for (var i = 0; i < ActivitiesPerGeneration[generation]; i++)
        {
            await context.CallActivityAsync<int>("Trivial", i);
        }
    }

    internal sealed record BareInput(int Generation, DateTime MovedAt);
}
