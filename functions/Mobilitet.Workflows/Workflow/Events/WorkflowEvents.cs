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
