namespace Mobilitet.Workflows.Hosting.Http.Requests;

/// <summary>POST /agreements/{id}/consent — decision: given | declined.</summary>
public sealed record ConsentRequest(string? Decision);

/// <summary>
/// POST /agreements/{id}/financing — decision: approved | rejected; approvedDkk optional (defaults to the request);
/// reason optional, only with a rejection (free text: kept in the personal-data vault, never in the workflow).
/// </summary>
public sealed record FinancingDecisionRequest(string? Decision, decimal? ApprovedDkk, string? Reason = null);

/// <summary>POST /agreements/{id}/move — the actual move date and, optionally, the area moved to.</summary>
public sealed record MoveRequest(string? MovedOn, string? ToArea);

/// <summary>POST /agreements/{id}/measurements — a milestone window's values, per year.</summary>
public sealed record MeasurementRequest(string? Milestone, decimal? SelfSufficiencyRate, decimal? ResourceDrawDkk, decimal? TaxPaidDkk);

/// <summary>POST /agreements/{id}/cancel.</summary>
public sealed record CancelRequest(string? Reason);

/// <summary>POST /escalations/{escalationId}/decision — token is the signed value from the email link.</summary>
public sealed record EscalationDecisionRequest(string? Decision, string? Note, string? Token);

/// <summary>POST /agreements/{id}/follow-ups/{escalationId}/done — no fields (the body may be left out).</summary>
public sealed record FollowUpDoneRequest;
