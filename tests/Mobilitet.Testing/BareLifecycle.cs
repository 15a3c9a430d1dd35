using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mobilitet.Local.Engine;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Testing;

/// <summary>
/// The bare-engine baseline: the same engine, provider and worker as the local host, running an orchestration
/// of the lifecycle's happy-path shape with trivial bodies — as many activities, external events, timers and
/// generations (ContinueAsNew, including a milestone's waits of more than <see cref="LifecycleRun.HorizonDays"/>)
/// as a <see cref="WorkflowVersions.Current"/> agreement driven by the benchmark's script — and no HTTP, no validation,
/// no storage of our own. <c>BaselineShapeTests</c> compares its history with the lifecycle's, generation by generation.
/// </summary>
public sealed class BareLifecycle : IAsyncDisposable
{
    public const string OrchestrationName = "BareLifecycle";

    /// <summary>
    /// The current lifecycle's happy path, one generation a phase: Start (consent, financing), Move, M3, M12, M36,
    /// Completion; activities before the phase's wait, and after it.
    /// </summary>
    private static readonly (int Before, int After)[] ActivitiesPerPhase = [(1, 5), (0, 2), (0, 1), (0, 1), (0, 1), (0, 3)];

    private const int Completion = 5;

    private static readonly string[] EventPerGeneration = ["ConsentDecided", "MoveRecorded", "MeasurementRecorded", "MeasurementRecorded", "MeasurementRecorded"];

    private readonly IHost host;
    private int started;

    private readonly TimeSpan dayLength;

    private BareLifecycle(IHost host, TimeSpan dayLength)
    {
        this.host = host;
        this.dayLength = dayLength;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    /// <param name="storage">Azure Storage's connection string (unused on the in-memory engine).</param>
    /// <param name="logging">How the host logs (default: as a plain host does).</param>
    public static async Task<BareLifecycle> StartAsync(EngineProvider provider, TimeSpan dayLength, string storage, Action<IServiceCollection>? configureServices = null, Action<ILoggingBuilder>? logging = null)
    {
        var builder = Host.CreateApplicationBuilder();
        logging?.Invoke(builder.Logging);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engine:Provider"] = provider.ToString(),
            ["Engine:TaskHub"] = "bench" + AzuriteFixture.NewTablePrefix(),
            ["Storage:ConnectionString"] = storage,
        });
        builder.Services.AddLocalDurableEngine(builder.Configuration, registry => registry
            .AddActivityFunc<int, int>("Trivial", (_, input) => input)
            .AddOrchestratorFunc<BareInput, string>(OrchestrationName, (context, input) => RunGenerationAsync(context, input!, dayLength)));
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new BareLifecycle(host, dayLength);
    }

    /// <summary>
    /// Starts one instance and drives it as <see cref="ScriptedAgreement"/> drives an agreement: the consent
    /// once it runs, the move once it waits for it, the measurements once it monitors (polled every 50 ms, as
    /// the script polls the API), inside one of the limited <paramref name="clients"/>; then waits for it to complete.
    /// </summary>
    /// <param name="movedDaysAgo">
    /// How many policy days before it is recorded the move happened; by default, as the script dates it: on the day the
    /// agreement was made (the real date, which at a compressed day is as many policy days back as have passed since the
    /// start, so the milestones fall due that much sooner after the move).
    /// </param>
    /// <param name="measure">Whether to raise the three measurements once it monitors, as the script records them.</param>
    /// <param name="reached">Called at the end of each of the <see cref="ScriptPhases"/>, with its name.</param>
    public async Task<string> RunOneAsync(TimeSpan deadline, SemaphoreSlim clients, int? movedDaysAgo = null, bool measure = true, Action<string>? reached = null)
    {
        var id = $"bare-{Interlocked.Increment(ref started)}-{Guid.NewGuid():N}";

        // The deadline runs from when a client takes the instance on, as the script's waits do: at N=1,000 the queue for
        // a client alone can outlast it.
        await clients.WaitAsync();
        using var wait = new CancellationTokenSource(deadline);
        try
        {
            reached?.Invoke(ScriptPhases.WaitForClient);
            var startedAt = DateTime.UtcNow;
            await Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationName, new BareInput(0, DateTime.MinValue), new StartOrchestrationOptions { InstanceId = id });
            await Client.WaitForInstanceStartAsync(id, wait.Token);
            reached?.Invoke(ScriptPhases.Create);
            await Client.RaiseEventAsync(id, EventPerGeneration[0], 0);
            await WaitForPhaseAsync(id, 1, wait.Token);
            reached?.Invoke(ScriptPhases.Consent);
            await Client.RaiseEventAsync(id, EventPerGeneration[1], movedDaysAgo ?? (int)((DateTime.UtcNow - startedAt) / dayLength));
            await WaitForPhaseAsync(id, 2, wait.Token);
            reached?.Invoke(ScriptPhases.Move);
            foreach (var name in measure ? EventPerGeneration.Skip(2) : [])
            {
                await Client.RaiseEventAsync(id, name, 0);
            }

            reached?.Invoke(ScriptPhases.Measurements);
        }
        finally
        {
            clients.Release();
        }

        var done = await Client.WaitForInstanceCompletionAsync(id, wait.Token);
        reached?.Invoke(ScriptPhases.Monitoring);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{id} ended {done.RuntimeStatus}");
        }

        return id;
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
        var phase = input.Generation;
        context.SetCustomStatus(phase);
        var movedAt = input.MovedAt;
        await RunActivitiesAsync(context, ActivitiesPerPhase[phase].Before);
        if (phase == Completion)
        {
            // Nothing left to wait for on the happy path (M36 measured, nothing extended or undecided).
            await RunActivitiesAsync(context, ActivitiesPerPhase[phase].After);
            return "completed";
        }

        // Consent and the move race their event against a timer, as the lifecycle does; a milestone waits for its
        // due date, at most LifecycleRun.HorizonDays at a time (a longer wait continues as new, as the lifecycle's
        // generations do), and data recorded early wakes it without starting another timer.
        var monitoring = phase >= 2;
        var due = phase switch
        {
            0 => context.CurrentUtcDateTime.Add(dayLength * 7), // the first consent reminder
            1 => context.CurrentUtcDateTime.Add(dayLength * 60), // the planned move date
            2 => movedAt.Add(dayLength * 91),
            3 => movedAt.Add(dayLength * 365),
            _ => movedAt.Add(dayLength * 1096),
        };
        var horizon = context.CurrentUtcDateTime.Add(dayLength * LifecycleRun.HorizonDays);
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(monitoring && due > horizon ? horizon : due, cancel.Token);
        if (!monitoring)
        {
            var received = context.WaitForExternalEvent<int>(EventPerGeneration[phase]);
            if (await Task.WhenAny(received, timer) == received)
            {
                cancel.Cancel();
                if (phase == 1)
                {
                    movedAt = context.CurrentUtcDateTime - (dayLength * received.Result);
                }
            }
        }
        else
        {
            while (await Task.WhenAny(context.WaitForExternalEvent<int>(EventPerGeneration[phase]), timer) != timer)
            {
            }

            if (due > horizon)
            {
                context.ContinueAsNew(input);
                return "continued";
            }
        }

        await RunActivitiesAsync(context, ActivitiesPerPhase[phase].After);
        context.ContinueAsNew(new BareInput(phase + 1, movedAt));
        return "continued";
    }

    private static async Task RunActivitiesAsync(TaskOrchestrationContext context, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await context.CallActivityAsync<int>("Trivial", i);
        }
    }

    public sealed record BareInput(int Generation, DateTime MovedAt);
}
