namespace Mobilitet.Workflows.Timeline;

/// <summary>
/// One step in an agreement's history, as caseworkers and auditors read it. <see cref="Actor"/> is a
/// role (caseworker, finance-approver, supervisor-level-2, system), never a person's name.
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, TimelineKind Kind, string Actor, string? Detail = null);
