using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Tasks;

/// <summary>
/// One open task on the task board ("Mine opgaver"): something a person in <see cref="Role"/> must do on
/// an agreement in <see cref="MunicipalityCode"/>. Ids, codes and dates only — no personal data.
/// An agreement has at most one task per <see cref="TaskId"/>: a kind, plus the milestone or escalation it is about.
/// </summary>
public sealed record CaseTask
{
    public required string AgreementId { get; init; }

    public required string MunicipalityCode { get; init; }

    public required TaskKind Kind { get; init; }

    /// <summary>The role that must act (<see cref="Identity.Roles"/>); always <see cref="TaskKinds.Role"/> of the kind.</summary>
    public required string Role { get; init; }

    /// <summary>The real instant the task falls due; past it, the task is overdue (the workflow escalates or gives up around then).</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>The due date in the agreement's policy time (Danish calendar), for display; with a compressed day it runs ahead of the calendar.</summary>
    public required DateOnly DueDate { get; init; }

    /// <summary>When the task was first opened (orchestration time); moving its due date keeps it.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>The milestone a <see cref="TaskKind.MeasurementDataMissing"/> task, or a milestone's escalation, is about.</summary>
    public Milestone? Milestone { get; init; }

    /// <summary>The escalation an <see cref="TaskKind.EscalationToDecide"/> or <see cref="TaskKind.FollowUp"/> task is about.</summary>
    public string? EscalationId { get; init; }

    /// <summary>The escalation level that must decide now (1 = the first supervisor).</summary>
    public int? Level { get; init; }

    /// <summary>The task's id within its agreement.</summary>
    public string TaskId => IdFor(Kind, Milestone, EscalationId);

    public bool IsOverdue(DateTimeOffset now) => DueAt < now;

    /// <summary>
    /// "ConsentToRecord", "FinancingToDecide", "MoveToRecord", "MeasurementDataMissing:M3",
    /// "EscalationToDecide:{escalation id}", "FollowUp:{escalation id}": what makes a task one of a kind.
    /// </summary>
    public static string IdFor(TaskKind kind, Milestone? milestone = null, string? escalationId = null) => kind switch
    {
        TaskKind.MeasurementDataMissing => $"{kind}:{milestone ?? throw new ArgumentNullException(nameof(milestone), "A missing-data task is about a milestone.")}",
        TaskKind.EscalationToDecide or TaskKind.FollowUp => $"{kind}:{(string.IsNullOrEmpty(escalationId) ? throw new ArgumentNullException(nameof(escalationId), "An escalation task is about an escalation.") : escalationId)}",
        _ => kind.ToString(),
    };
}
