namespace Mobilitet.Workflows.DecisionLinks;

/// <summary>
/// What a supervisor's decision link grants: one decision on one escalation at one level, to the person the
/// escalation email went to (<see cref="RecipientKey"/>, a keyed hash of the address — never the address), once
/// (<see cref="LinkId"/> is what single use is recorded under).
/// </summary>
public sealed record DecisionLink(string LinkId, string EscalationId, int Level, string RecipientKey);

/// <summary>Why a decision link does not let its holder decide. Each has its own Danish page; none changes anything.</summary>
public enum DecisionLinkProblem
{
    /// <summary>Forged, damaged, or made for another escalation.</summary>
    Invalid,

    /// <summary>Genuine, but past the level's deadline plus the policy's grace period.</summary>
    Expired,

    /// <summary>A decision was already made with it (or is being made right now).</summary>
    Used,

    /// <summary>The person signed in to the web UI is not the one the email went to.</summary>
    OtherRecipient,
}

/// <summary>Makes and reads decision links (ASP.NET Core Data Protection in both hosts).</summary>
public interface IDecisionLinks
{
    /// <summary>A new link to the decision page, valid until <paramref name="expiresAt"/>.</summary>
    ValueTask<Uri> CreateAsync(string escalationId, int level, string recipientEmail, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}

/// <summary>
/// Which decision links have been used: one row per link id, written with a conditional insert when a decision is
/// made with the link, so of two posts with the same link exactly one goes on.
/// </summary>
public interface IDecisionLinkLedger
{
    /// <summary>Claims the link for a decision now. False: it was claimed before (used).</summary>
    Task<bool> TryClaimAsync(DecisionLink link, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Gives a claim back when the decision it was for was not recorded (invalid, refused, engine away).</summary>
    Task ReleaseAsync(DecisionLink link, CancellationToken cancellationToken);

    Task<bool> IsUsedAsync(DecisionLink link, CancellationToken cancellationToken);
}
