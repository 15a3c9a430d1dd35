namespace Mobilitet.Workflows.Audit;

/// <summary>
/// One line of the append-only audit log: who (the person's opaque id and the roles they acted in),
/// when, what, and which agreement. It names no resident: the agreement id is the link.
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string UserId, IReadOnlyList<string> Roles, AuditAction Action, string AgreementId);
