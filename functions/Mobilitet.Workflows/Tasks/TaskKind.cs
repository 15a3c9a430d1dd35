using System.Text.Json.Serialization;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Tasks;

/// <summary>What a person must do on an agreement. Each kind is one role's to do (<see cref="TaskKinds.Role"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskKind>))]
public enum TaskKind
{
    /// <summary>The caseworker records the resident's answer; due when consent expires.</summary>
    ConsentToRecord,

    /// <summary>A finance approver decides a request the policy does not approve by itself; due at the decision deadline.</summary>
    FinancingToDecide,

    /// <summary>
    /// The caseworker records the move. Opened when the planned move date has come without a recorded
    /// move (an earlier move never makes a task); due at the planned date, so it is overdue once that day has begun.
    /// </summary>
    MoveToRecord,

    /// <summary>The caseworker supplies a milestone's indicator values; due when the missing data escalates.</summary>
    MeasurementDataMissing,

    /// <summary>A supervisor decides an escalation; due at the current level's deadline (the last level's once unresolved).</summary>
    EscalationToDecide,

    /// <summary>
    /// The agreement's caseworker follows up on an escalation a supervisor decided "follow-up" (workflow 1.4 on); due
    /// the policy's follow-up days after the decision. Not done by then, the agreement escalates again.
    /// </summary>
    FollowUp,
}

public static class TaskKinds
{
    /// <summary>The role (<see cref="Roles"/>) that must act on a task of this kind.</summary>
    public static string Role(this TaskKind kind) => kind switch
    {
        TaskKind.ConsentToRecord or TaskKind.MoveToRecord or TaskKind.MeasurementDataMissing or TaskKind.FollowUp => Roles.Caseworker,
        TaskKind.FinancingToDecide => Roles.FinanceApprover,
        TaskKind.EscalationToDecide => Roles.Supervisor,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The roles that have tasks (caseworker, finance approver, supervisor).</summary>
    public static IReadOnlyList<string> ActingRoles { get; } = [Roles.Caseworker, Roles.FinanceApprover, Roles.Supervisor];
}
