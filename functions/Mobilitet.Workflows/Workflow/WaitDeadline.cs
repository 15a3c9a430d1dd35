using Microsoft.DurableTask;

namespace Mobilitet.Workflows.Workflow;

/// <summary>
/// The durable timer a wait races its event against (<see cref="LifecycleRun.WaitAsync{TEvent}(WaitDeadline)"/>).
/// Several waits may share one: from version 1.3 a milestone's wait that an event wakes early goes on against the
/// same timer instead of starting another (each timer left behind fires later and costs the engine work).
/// Disposing it cancels a timer that has not fired, so the orchestration need not wait for it.
/// </summary>
public sealed class WaitDeadline : IDisposable
{
    private readonly CancellationTokenSource cancel = new();

    internal WaitDeadline(TaskOrchestrationContext context, DateTime? at, bool endsGeneration)
    {
        Timer = at is { } fireAt ? context.CreateTimer(fireAt, cancel.Token) : null;
        EndsGeneration = endsGeneration;
    }

    /// <summary>The timer; null for a wait without a deadline.</summary>
    public Task? Timer { get; }

    /// <summary>
    /// Whether this is a phase's opening wait cut short at the generation's horizon: reaching it ends the generation
    /// (<see cref="GenerationEndedException"/>), and the next one opens the phase again.
    /// </summary>
    public bool EndsGeneration { get; }

    public void Dispose()
    {
        // Synchronous on purpose: cancellation callbacks must run on the orchestrator's thread.
        if (Timer is { IsCompleted: false })
        {
            cancel.Cancel();
        }

        cancel.Dispose();
    }
}
