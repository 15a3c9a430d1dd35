using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Workflow;

/// <summary>
/// What one generation of the lifecycle hands the next (ContinueAsNew, version 1.2 on): the phase to run
/// and the state the run keeps between steps — ids, codes and dates only, never personal data.
/// </summary>
/// <param name="MovedOn">The actual move date, once recorded; milestones count from it.</param>
/// <param name="Milestone">The milestone a monitoring generation measures.</param>
/// <param name="AwaitingData">Milestones that fell due without data; late data still measures them.</param>
/// <param name="OpenEscalations">Escalation ids this agreement raised and has not closed (a stop cancels them).</param>
/// <param name="OpenTasks">Task ids this agreement opened and has not closed.</param>
/// <param name="Generation">1 for the first generation; counts up, for operators reading the engine.</param>
/// <param name="Carried">Events the previous generation received and did not use (null: none).</param>
/// <param name="Undecided">
/// Escalations whose decision may yet schedule more monitoring (breaches, an extra measurement's escalations, and those
/// that replaced them); the agreement does not complete while one is open (1.4 on; null: none).
/// </param>
/// <param name="Extensions">Extra measurements scheduled and not yet taken (1.4 on; null: none).</param>
public sealed record LifecycleCheckpoint(
    LifecyclePhase Phase,
    DateOnly? MovedOn,
    Milestone? Milestone,
    IReadOnlyList<Milestone> AwaitingData,
    IReadOnlyList<string> OpenEscalations,
    IReadOnlyList<string> OpenTasks,
    int Generation,
    IReadOnlyList<CarriedEvent>? Carried = null,
    IReadOnlyList<string>? Undecided = null,
    IReadOnlyList<Events.ExtensionRequest>? Extensions = null);
