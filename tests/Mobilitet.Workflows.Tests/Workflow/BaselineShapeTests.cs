using Mobilitet.Local.Engine;
using Mobilitet.Testing;
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
        var lifecycle = await RunLifecycleAsync();
        var bare = await RunBareAsync();

        output.WriteLine($"lifecycle: {Describe(lifecycle)}");
        output.WriteLine($"bare:      {Describe(bare)}");
        Assert.Equal(6, lifecycle.Count); // Start, Move, M3, M12, M36, Completion
        Assert.Equal(Describe(lifecycle), Describe(bare));
    }

    private async Task<IReadOnlyList<HistoryMeter.Generation>> RunLifecycleAsync()
    {
        var id = await engine.StartAsync(Days.TimersCannotFire, plannedMoveDate: WorkflowEngine.Today.AddDays(60));
        foreach (var milestone in Milestones.InOrder)
        {
            await engine.Indicators.SaveAsync(id, milestone, Samples.OnTrack, CancellationToken.None);
        }

        await engine.RaiseAsync(id, new ConsentDecided(Given: true, "caseworker"));
        await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint.Phase == LifecyclePhase.Move, "the move generation");
        await engine.RaiseAsync(id, new MoveRecorded(WorkflowEngine.Today.AddDays(-MovedDaysAgo), "Viby", "caseworker"));
        await engine.WaitForFinishAsync(id);
        return engine.History.GenerationsOf(id);
    }

    private static async Task<IReadOnlyList<HistoryMeter.Generation>> RunBareAsync()
    {
        var meter = new HistoryMeter();
        await using var bare = await BareLifecycle.StartAsync(EngineProvider.InMemory, Days.TimersCannotFire, storage: string.Empty, meter.AttachTo);
        using var clients = new SemaphoreSlim(1);
        var id = await bare.RunOneAsync(TimeSpan.FromMinutes(2), clients, MovedDaysAgo, measure: false);
        return meter.GenerationsOf(id);
    }

    private static string Describe(IReadOnlyList<HistoryMeter.Generation> generations) =>
        string.Join(" | ", generations.Select((generation, index) =>
            $"{index + 1}: " + string.Join(", ", ShapeEvents
                .Select(kind => (kind, count: generation.EventTypes?.GetValueOrDefault(kind) ?? 0))
                .Where(entry => entry.count > 0)
                .Select(entry => $"{entry.kind} {entry.count}"))));
}
