using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Notifications;

/// <summary>
/// What the workflow asks to be sent: codes and ids only. The activity that sends it looks up
/// names and addresses itself, so no personal data passes through the orchestration.
/// </summary>
/// <param name="Subject">Makes the notification unique within the agreement ("reminder-2", "m12", "financing").</param>
/// <param name="RespondBy">The policy date by which someone should act, if any.</param>
public sealed record NotificationRequest(
    string AgreementId,
    NotificationKind Kind,
    string Subject,
    DateOnly? RespondBy = null,
    Milestone? Milestone = null,
    string? EscalationId = null,
    EscalationReason? EscalationReason = null,
    int? Level = null)
{
    /// <summary>Deterministic id: the same request always maps to the same email.</summary>
    public string NotificationId => Level is { } level
        ? $"{Kind}-{Subject}-level-{level}".ToLowerInvariant()
        : $"{Kind}-{Subject}".ToLowerInvariant();
}
