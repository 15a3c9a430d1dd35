namespace Mobilitet.Workflows.Workflow;

/// <summary>
/// Orchestration versions. New instances get <see cref="Current"/> (host.json defaultVersion, or the
/// local host's worker options). A running agreement keeps the version it started with for its
/// whole 36 months; where a later version behaves differently, orchestrators branch on
/// <c>context.CompareVersionTo(...)</c>. Bump it when a change would alter the replay of running instances.
/// Enums cross the engine by name (each carries a JsonStringEnumConverter), so reordering an enum
/// never changes the meaning of a stored history.
/// </summary>
public static class WorkflowVersions
{
    /// <summary>The first version: the lifecycle and escalations, without the task board.</summary>
    public const string V1 = "1.0";

    /// <summary>
    /// Keeps the task board: agreements and escalations open and close tasks (<c>OpenTask</c>, <c>CloseTasks</c>),
    /// and the move step waits for the planned move date to open the move's task. Instances of 1.0 schedule
    /// exactly what they did (the engine matches a replay by activity name and order), so they run on unchanged.
    /// </summary>
    public const string TaskBoard = "1.1";

    /// <summary>
    /// Bounded history: each phase runs in a generation of its own (ContinueAsNew between consent and financing,
    /// the move, and each milestone, carrying ids and state in <see cref="LifecycleCheckpoint"/>), and a phase's
    /// opening wait continues as new every <see cref="LifecycleRun.HorizonDays"/> policy days, so chained timers
    /// never pile up in one history. Instances of 1.0 and 1.1 keep running their whole lifecycle in one history.
    /// </summary>
    public const string Generations = "1.2";

    /// <summary>
    /// Fewer timers: a milestone's wait that an early measurement wakes goes on against the timer it started
    /// (<see cref="WaitDeadline"/>) instead of starting another. Instances of 1.2 and before start one per wake, as
    /// their histories hold.
    /// </summary>
    public const string SharedDeadlines = "1.3";

    /// <summary>
    /// Decisions that act: an escalation does what its decision says (follow-up task, extra measurement, close) and
    /// tells its agreement when it has ended (<see cref="Events.EscalationEnded"/>); the agreement measures extensions
    /// and completes only once its breach escalations have ended and its last scheduled measurement is taken. Instances
    /// of 1.3 and before end every escalation at its decision, as their histories hold.
    /// </summary>
    public const string ActedDecisions = "1.4";

    /// <summary>
    /// Settled financing: an agreement that ends after its move (completed, cancelled or withdrawn) settles its financing
    /// against the gains realised (<see cref="Activities.SettleFinancing"/>) before it ends. Instances of 1.4 and before
    /// end without that step, as their histories hold.
    /// </summary>
    public const string Settlements = "1.5";

    public const string Current = Settlements;

    /// <summary>The newest version this code runs (the worker's version); new instances still get <see cref="Current"/>.</summary>
    public const string Latest = Settlements;
}
