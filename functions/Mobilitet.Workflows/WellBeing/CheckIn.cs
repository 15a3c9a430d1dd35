using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.WellBeing;

/// <summary>
/// The resident's well-being check-in at one milestone: asked at <see cref="InvitedAt"/>, answerable until
/// <see cref="ExpiresAt"/> (when the milestone falls due), answered once with a <see cref="Score"/> (1–5). The
/// resident's optional comment is personal data and lives in the vault, not here.
/// </summary>
public sealed record CheckIn(string AgreementId, Milestone Milestone, DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt)
{
    public const int LowestScore = 1;
    public const int HighestScore = 5;

    public int? Score { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    public bool IsAnswered => Score is not null;

    public bool IsOpenAt(DateTimeOffset now) => !IsAnswered && now < ExpiresAt;

    public static bool IsScore(int score) => score is >= LowestScore and <= HighestScore;
}

/// <summary>What became of an answer.</summary>
public enum CheckInAnswer
{
    Recorded,

    /// <summary>The check-in was answered before: a link works once.</summary>
    AlreadyAnswered,

    /// <summary>The answer window has closed.</summary>
    Expired,

    /// <summary>No check-in was sent for that agreement and milestone (or it was erased).</summary>
    NotFound,
}

/// <summary>
/// The check-ins, one per agreement and milestone. Inviting again keeps the first invitation (a retried activity
/// changes nothing); an answer is recorded only once, and only while the check-in is open, even when two arrive at once.
/// </summary>
public interface ICheckInStore
{
    /// <summary>Records the invitation unless one exists; returns the check-in as stored.</summary>
    Task<CheckIn> InviteAsync(CheckIn invitation, CancellationToken cancellationToken);

    Task<CheckIn?> FindAsync(string agreementId, Milestone milestone, CancellationToken cancellationToken);

    Task<CheckInAnswer> AnswerAsync(string agreementId, Milestone milestone, int score, DateTimeOffset at, CancellationToken cancellationToken);

    Task EraseAsync(string agreementId, CancellationToken cancellationToken);
}

/// <summary>
/// The link in a check-in email: protected so it cannot be forged or altered, bound to one agreement's milestone, and
/// unreadable after it expires. Single use is the store's part (<see cref="ICheckInStore.AnswerAsync"/>).
/// </summary>
public interface ICheckInLinks
{
    ValueTask<Uri> CreateAsync(string agreementId, Milestone milestone, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
