using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mobilitet.Local.Engine;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Testing;

/// <summary>
/// The bare-engine baseline: the same engine, provider and worker as the local host, running an orchestration
/// of the lifecycle's happy-path shape with trivial bodies — as many activities, external events, timers and
/// generations (ContinueAsNew, including a milestone's waits of more than <see cref="LifecycleRun.HorizonDays"/>)
/// as a <see cref="WorkflowVersions.Current"/> agreement driven by the benchmark's script — and no HTTP, no validation,
/// no storage of our own. Its consent and move wait on the benchmarked policy's clock from the instance's start, with
/// the same reminders and task, because at a compressed day the engine's own start can outlast the first consent
/// reminder (0.7 s at a 100 ms day; the Azure Storage engine polls its queues up to a second apart): the lifecycle then
/// sends it, and the baseline must take the same path when its start is as slow. <c>BaselineShapeTests</c> compares
/// its history with the lifecycle's, generation by generation, on the happy path and with those reminders.
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
    /// <param name="plannedMoveDate">The planned move date; by default 60 days ahead, as the script plans it.</param>
    /// <param name="beforeConsent">Awaited with the instance's id before the consent is raised (a test that lets a reminder go first).</param>
    /// <param name="beforeMove">Awaited with the instance's id before the move is raised.</param>
    public async Task<string> RunOneAsync(
        TimeSpan deadline,
        SemaphoreSlim clients,
        int? movedDaysAgo = null,
        bool measure = true,
        Action<string>? reached = null,
        DateOnly? plannedMoveDate = null,
        Func<string, Task>? beforeConsent = null,
        Func<string, Task>? beforeMove = null)
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
            var input = new BareInput(0, DateTime.MinValue, startedAt, plannedMoveDate ?? DanishCalendar.DateOf(startedAt).AddDays(60));
            await Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationName, input, new StartOrchestrationOptions { InstanceId = id });
            await Client.WaitForInstanceStartAsync(id, wait.Token);
            reached?.Invoke(ScriptPhases.Create);
            await (beforeConsent?.Invoke(id) ?? Task.CompletedTask);
            await Client.RaiseEventAsync(id, EventPerGeneration[0], 0);
            await WaitForPhaseAsync(id, 1, wait.Token);
            reached?.Invoke(ScriptPhases.Consent);
            await (beforeMove?.Invoke(id) ?? Task.CompletedTask);
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

    /// <summary>Polls until the instance is in <paramref name="generation"/>; an instance that ended before (consent expired) fails the run, as the script's does.</summary>
    private async Task WaitForPhaseAsync(string id, int generation, CancellationToken cancellation)
    {
        while (true)
        {
            var instance = await Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellation);
            if (instance?.SerializedCustomStatus is { } status && int.Parse(status, System.Globalization.CultureInfo.InvariantCulture) >= generation)
            {
                return;
            }

            if (instance is { IsCompleted: true })
            {
                throw new InvalidOperationException($"{id} ended {instance.RuntimeStatus} ({instance.SerializedOutput}) before generation {generation}");
            }

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
        var after = ActivitiesPerPhase[phase].After;
        switch (phase)
        {
            case Completion:
                // Nothing left to wait for on the happy path (M36 measured, nothing extended or undecided).
                await RunActivitiesAsync(context, after);
                return "completed";
            case 0:
                if (!await AwaitConsentAsync(context, input, dayLength))
                {
                    return "expired";
                }

                break;
            case 1:
                var (daysAgo, taskOpened) = await AwaitMoveAsync(context, input, dayLength);
                movedAt = context.CurrentUtcDateTime - (dayLength * daysAgo);
                after += taskOpened ? 1 : 0; // the move's task is closed
                break;
            default:
                // A milestone waits for its due date, at most LifecycleRun.HorizonDays at a time (a longer wait continues as
                // new, as the lifecycle's generations do), and data recorded early wakes it without starting another timer.
                var due = movedAt.Add(dayLength * (phase switch { 2 => 91, 3 => 365, _ => 1096 }));
                var horizon = context.CurrentUtcDateTime.Add(dayLength * LifecycleRun.HorizonDays);
                var timer = context.CreateTimer(due > horizon ? horizon : due, CancellationToken.None);
                while (await Task.WhenAny(context.WaitForExternalEvent<int>(EventPerGeneration[phase]), timer) != timer)
                {
                }

                if (due > horizon)
                {
                    context.ContinueAsNew(input);
                    return "continued";
                }

                break;
        }

        await RunActivitiesAsync(context, after);
        context.ContinueAsNew(input with { Generation = phase + 1, MovedAt = movedAt });
        return "continued";
    }

    /// <summary>
    /// Consent as <c>ConsentStep</c> waits for it under the benchmarked policy: reminders counted from the agreement's
    /// start (each an email and a timeline step), expiry after the last. At a compressed day a start that takes longer
    /// than the first reminder's days sends it, on either side.
    /// </summary>
    /// <returns>Whether consent came before expiry.</returns>
    private static async Task<bool> AwaitConsentAsync(TaskOrchestrationContext context, BareInput input, TimeSpan dayLength)
    {
        var rules = PolicyCatalog.StandardV1.Consent;
        var clock = new PolicyClock(input.Origin, dayLength);
        var expiresAt = clock.After(input.Origin, rules.ExpiresAfterDays);
        var nextReminderAt = clock.After(input.Origin, rules.FirstReminderAfterDays);
        var consent = context.WaitForExternalEvent<int>(EventPerGeneration[0]);
        while (true)
        {
            var remind = nextReminderAt < expiresAt;
            if (await WaitAsync(context, consent, remind ? nextReminderAt : expiresAt))
            {
                return true;
            }

            if (!remind)
            {
                return false;
            }

            await RunActivitiesAsync(context, 2); // the reminder's email and timeline step
            nextReminderAt = clock.After(nextReminderAt, rules.ReminderEveryDays);
        }
    }

    /// <summary>
    /// The move as <c>MoveStep</c> waits for it: until the planned date, then with a task (opened, and closed once the
    /// move comes) until the reminder, then after the reminder (an email and a timeline step) until the escalation. The
    /// escalation itself (a sub-orchestration) is not modelled: the benchmark's move comes long before it.
    /// </summary>
    /// <returns>How many days before it was recorded the move happened, and whether a task was opened for it.</returns>
    private static async Task<(int DaysAgo, bool TaskOpened)> AwaitMoveAsync(TaskOrchestrationContext context, BareInput input, TimeSpan dayLength)
    {
        var rules = PolicyCatalog.StandardV1.Move;
        var clock = new PolicyClock(input.Origin, dayLength);
        var planned = clock.StartOf(input.PlannedMoveDate);
        var move = context.WaitForExternalEvent<int>(EventPerGeneration[1]);
        if (await WaitAsync(context, move, planned))
        {
            return (move.Result, false);
        }

        await RunActivitiesAsync(context, 1); // the task to record the move
        if (!await WaitAsync(context, move, clock.After(planned, rules.ReminderDaysAfterPlannedDate)))
        {
            await RunActivitiesAsync(context, 2); // the reminder's email and timeline step
            await WaitAsync(context, move, clock.After(planned, rules.EscalationDaysOverdue));
        }

        return (await move, true);
    }

    /// <returns>Whether <paramref name="received"/> came before <paramref name="deadline"/>.</returns>
    private static async Task<bool> WaitAsync(TaskOrchestrationContext context, Task<int> received, DateTime deadline)
    {
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(deadline, cancel.Token);
        if (await Task.WhenAny(received, timer) != received)
        {
            return false;
        }

        cancel.Cancel();
        return true;
    }

    private static async Task RunActivitiesAsync(TaskOrchestrationContext context, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await context.CallActivityAsync<int>("Trivial", i);
        }
    }

    /// <param name="Origin">When the instance was scheduled: the agreement's creation, which the policy's clock starts from.</param>
    /// <param name="PlannedMoveDate">The planned move date, as the script plans it.</param>
    public sealed record BareInput(int Generation, DateTime MovedAt, DateTime Origin, DateOnly PlannedMoveDate);
}
