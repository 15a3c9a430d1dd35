using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Workflow.Events;

/// <summary>
/// External events are records; an event's name is its type's name, so the API that raises it
/// and the orchestrator that waits for it cannot disagree. Payloads carry codes and roles only.
/// </summary>
public static class WorkflowEvents
{
    public static string NameOf<TEvent>() => typeof(TEvent).Name;
}

/// <summary>The caseworker recorded the resident's answer.</summary>
public sealed record ConsentDecided(bool Given, string Actor);

/// <summary>A finance approver decided on a request that was not approved automatically.</summary>
public sealed record FinancingDecided(bool Approved, decimal? ApprovedDkk, string Actor);

/// <summary>The caseworker recorded the actual move.</summary>
public sealed record MoveRecorded(DateOnly MovedOn, string? ToArea, string Actor);

/// <summary>Indicator values for a milestone were stored; the workflow reads them from the store.</summary>
public sealed record MeasurementRecorded(Indicators.Milestone Milestone);

/// <summary>The agreement must stop now: cancelled by the caseworker, or consent withdrawn by the resident.</summary>
public sealed record StopRequested(StopKind Kind, string Actor);

[JsonConverter(typeof(JsonStringEnumConverter<StopKind>))]
public enum StopKind
{
    Cancel,
    WithdrawConsent,
}

/// <summary>A supervisor decided on an escalation (the note is stored by the API, not carried here).</summary>
public sealed record EscalationDecided(Escalations.EscalationDecision Decision, string Actor);

/// <summary>The agreement workflow closes an escalation it no longer needs (step done, or agreement stopped).</summary>
public sealed record EscalationClosed(Escalations.EscalationStatus Status);

/// <summary>The agreement's caseworker marked an escalation's follow-up task done (sent to the escalation, workflow 1.4 on).</summary>
public sealed record FollowUpDone(string Actor);

/// <summary>
/// An escalation of workflow 1.4 or later has ended, sent by the escalation to its agreement, so the agreement knows it
/// is no longer open, schedules the extra measurement an "extend monitoring" decision asked for, and takes over the
/// escalation that replaced a follow-up not done in time.
/// </summary>
/// <param name="Decision">The supervisor's decision; null when the agreement closed the escalation.</param>
/// <param name="Extend">The extra measurement to schedule, if any.</param>
/// <param name="Successor">The escalation id that took its place (a follow-up not done by its deadline), if any.</param>
public sealed record EscalationEnded(string EscalationId, Escalations.EscalationDecision? Decision, ExtensionRequest? Extend = null, string? Successor = null);

/// <summary>An extra measurement of <paramref name="Milestone"/>'s indicators, due <paramref name="Months"/> months after it (<see cref="Indicators.Extension"/>).</summary>
public sealed record ExtensionRequest(Indicators.Milestone Milestone, int Months);
