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
    public const string V1 = "1.0";

    public const string Current = V1;
}
