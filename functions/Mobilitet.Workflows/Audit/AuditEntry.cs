using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Audit;

/// <summary>
/// One line of the append-only audit log: who (the person's opaque id and the roles they acted in), when, what, and which
/// agreement. It names no resident: the agreement id is the link.
/// </summary>
/// <param name="Detail">What was decided, as codes and amounts ("decision=approved;approvedDkk=45000"), never free text.</param>
public sealed record AuditEntry(DateTimeOffset At, string UserId, IReadOnlyList<string> Roles, AuditAction Action, string AgreementId, string? Detail = null);

/// <summary>Who an audit entry is about: a signed-in person, or whoever holds a decision link emailed to a recipient.</summary>
/// <param name="UserId">The person's opaque id; for a link, "email-link:" and the recipient's keyed hash (never the address).</param>
public sealed record AuditedBy(string UserId, IReadOnlyList<string> Roles)
{
    public static AuditedBy Of(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, [.. user.Roles.Order(StringComparer.Ordinal)]);
    }

    /// <summary>The system itself, in the job named <paramref name="job"/> ("system:retention"), acting in the role "system".</summary>
    public static AuditedBy System(string job) => new("system:" + job, [Workflow.Actors.System]);

    /// <summary>The holder of a decision link sent to the recipient with keyed hash <paramref name="recipientKey"/>, acting as <paramref name="role"/>.</summary>
    public static AuditedBy EmailLink(string recipientKey, string role) => new("email-link:" + recipientKey, [role]);

    public AuditEntry Did(AuditAction action, string agreementId, DateTimeOffset at, string? detail = null) => new(at, UserId, Roles, action, agreementId, detail);
}
