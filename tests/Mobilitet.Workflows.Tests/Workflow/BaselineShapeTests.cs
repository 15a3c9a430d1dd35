using Mobilitet.Local.Engine;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;
using Xunit.Abstractions;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>
/// The benchmarks' bare-engine baseline (<see cref="BareLifecycle"/>) is only a fair measure while it has the current
/// lifecycle's shape: the same generations, and in each as many activities, timers, sub-orchestrations, sent and
/// raised events. It drifted twice as the workflow grew (docs/benchmarks.md), so this compares both histories as the
/// worker received them, generation by generation, for the happy path the benchmark's script drives. Days last an
/// hour, so no timer can fire: every step is driven by an event, and a move dated 36 months back makes every
/// milestone due at once (the waits of more than <see cref="LifecycleRun.HorizonDays"/> that a move recorded today
/// adds are the same timer-and-continue generation in both, by construction).
/// </summary>
public sealed class BaselineShapeTests(WorkflowEngine engine, ITestOutputHelper output) : IClassFixture<WorkflowEngine>
{
    /// <summary>The history events that make the shape; episode markers depend on how the engine batches messages.</summary>
    private static readonly string[] ShapeEvents =
    [
        "ExecutionStarted", "TaskScheduled", "TaskCompleted", "TimerCreated", "TimerFired", "EventRaised", "EventSent",
        "SubOrchestrationInstanceCreated", "SubOrchestrationInstanceCompleted",
    ];

    private const int MovedDaysAgo = 3 * 366;

    [Fact]
    public async Task The_bare_baseline_has_the_current_lifecycles_shape_in_every_generation()
    {
        var lifecycle = await RunLifecycleAsync(HappyPath);
        var bare = await RunBareAsync(HappyPath);

        output.WriteLine($"lifecycle: {Describe(lifecycle)}");
        output.WriteLine($"bare:      {Describe(bare)}");
        Assert.Equal(6, lifecycle.Count); // Start, Move, M3, M12, M36, Completion
        Assert.Equal(Describe(lifecycle), Describe(bare));
    }

    /// <summary>
    /// At a compressed day the engine's start can outlast the first consent reminder, and a slow consent phase the
    /// planned move date: both then take the same detour. Days of two seconds: the test waits for the first consent
    /// reminder (day 7, 14 s) to be sent before it gives consent, which the second (day 14, 28 s) cannot beat; the move is
    /// planned 10 days ahead (18–20 s) and given once its task is open, which the move's reminder 7 days later cannot beat.
    /// </summary>
    [Fact]
    public async Task The_bare_baseline_takes_the_lifecycles_consent_reminder_and_move_task_when_they_fall_due_first()
    {
        var both = await Task.WhenAll(RunLifecycleAsync(Detours), RunBareAsync(Detours));
        var (lifecycle, bare) = (both[0], both[1]);

        output.WriteLine($"lifecycle: {Describe(lifecycle)}");
        output.WriteLine($"bare:      {Describe(bare)}");
        Assert.Equal(Describe(lifecycle), Describe(bare));
        Assert.Equal(1, lifecycle[0].EventTypes!["TimerFired"]); // the reminder was sent, and only the one
        Assert.Equal(1, lifecycle[1].EventTypes!["TimerFired"]); // the move's task was opened, and not reminded
    }

    /// <summary>How a run is driven: its day length, when its move is planned, and what it waits for before giving consent and the move.</summary>
    private sealed record Scenario(TimeSpan Day, int PlannedMoveInDays, Func<HistoryMeter, string, Task>? BeforeConsent = null, Func<HistoryMeter, string, Task>? BeforeMove = null);

    /// <summary>The benchmark's happy path: no timer can fire, so every step is driven by its event.</summary>
    private static readonly Scenario HappyPath = new(Days.TimersCannotFire, PlannedMoveInDays: 60);

    private static readonly Scenario Detours = new(TimeSpan.FromSeconds(2), PlannedMoveInDays: 10, GivenAfterConsentReminder, GivenAfterMoveTask);

    /// <summary>Once the start generation has sent its first reminder: a timer fired, and the task and the reminder's two activities completed.</summary>
    private static Task GivenAfterConsentReminder(HistoryMeter meter, string id) =>
        WaitForGenerationAsync(meter, id, 0, timersFired: 1, tasksCompleted: 3, "the first consent reminder");

    /// <summary>Once the move generation has opened the move's task on the planned date.</summary>
    private static Task GivenAfterMoveTask(HistoryMeter meter, string id) =>
        WaitForGenerationAsync(meter, id, 1, timersFired: 1, tasksCompleted: 1, "the move's task");

    private static Task WaitForGenerationAsync(HistoryMeter meter, string id, int generation, int timersFired, int tasksCompleted, string what) =>
        Eventually.WaitForAsync(
            () => Task.FromResult(meter.GenerationsOf(id)),
            generations => generations.Count > generation
                && generations[generation].EventTypes is { } events
                && events.GetValueOrDefault("TimerFired") >= timersFired
                && events.GetValueOrDefault("TaskCompleted") >= tasksCompleted,
            what);

    private async Task<IReadOnlyList<HistoryMeter.Generation>> RunLifecycleAsync(Scenario scenario)
    {
        var id = await engine.StartAsync(scenario.Day, plannedMoveDate: WorkflowEngine.Today.AddDays(scenario.PlannedMoveInDays));
        foreach (var milestone in Milestones.InOrder)
        {
            await engine.Indicators.SaveAsync(id, milestone, Samples.OnTrack, CancellationToken.None);
        }

        await (scenario.BeforeConsent?.Invoke(engine.History, id) ?? Task.CompletedTask);
        await engine.RaiseAsync(id, new ConsentDecided(Given: true, "caseworker"));
        await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint.Phase == LifecyclePhase.Move, "the move generation");
        await (scenario.BeforeMove?.Invoke(engine.History, id) ?? Task.CompletedTask);
        await engine.RaiseAsync(id, new MoveRecorded(WorkflowEngine.Today.AddDays(-MovedDaysAgo), "Viby", "caseworker"));
        await engine.WaitForFinishAsync(id);
        return engine.History.GenerationsOf(id);
    }

    private static async Task<IReadOnlyList<HistoryMeter.Generation>> RunBareAsync(Scenario scenario)
    {
        var meter = new HistoryMeter();
        await using var bare = await BareLifecycle.StartAsync(EngineProvider.InMemory, scenario.Day, storage: string.Empty, meter.AttachTo);
        using var clients = new SemaphoreSlim(1);
        var id = await bare.RunOneAsync(
            TimeSpan.FromMinutes(2),
            clients,
            MovedDaysAgo,
            measure: false,
            plannedMoveDate: WorkflowEngine.Today.AddDays(scenario.PlannedMoveInDays),
            beforeConsent: scenario.BeforeConsent is { } beforeConsent ? started => beforeConsent(meter, started) : null,
            beforeMove: scenario.BeforeMove is { } beforeMove ? waiting => beforeMove(meter, waiting) : null);
        return meter.GenerationsOf(id);
    }

    private static string Describe(IReadOnlyList<HistoryMeter.Generation> generations) =>
        string.Join(" | ", generations.Select((generation, index) =>
            $"{index + 1}: " + string.Join(", ", ShapeEvents
                .Select(kind => (kind, count: generation.EventTypes?.GetValueOrDefault(kind) ?? 0))
                .Where(entry => entry.count > 0)
                .Select(entry => $"{entry.kind} {entry.count}"))));
}
