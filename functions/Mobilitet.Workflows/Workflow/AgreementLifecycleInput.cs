namespace Mobilitet.Workflows.Workflow;

/// <summary>
/// The input of one agreement's orchestration: ids, codes and durations only — no personal data.
/// </summary>
/// <param name="CreatedAtUtc">The agreement's creation; policy time starts here.</param>
/// <param name="DayLength">How long one policy day lasts (pinned at creation; one day unless compressed).</param>
/// <param name="SupervisorLevels">How many supervisors the escalation ladder has.</param>
/// <param name="Resume">Null for a new agreement; from version 1.2, where the next generation picks up.</param>
public sealed record AgreementLifecycleInput(
    string AgreementId,
    string PolicyName,
    DateTime CreatedAtUtc,
    TimeSpan DayLength,
    DateOnly PlannedMoveDate,
    int SupervisorLevels,
    LifecycleCheckpoint? Resume = null);
