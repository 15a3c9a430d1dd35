namespace Mobilitet.Workflows.Digests;

/// <summary>
/// Which digests were sent: a row per person (keyed hash of the address) and Copenhagen date, inserted conditionally
/// before the email is sent, so a second run the same day — or two at once — never sends one again. The price is the
/// window between the insert and the send: a crash there means that person gets no digest that day (at most once,
/// never twice). And a row per day once a run has finished, so later runs that morning do nothing.
/// </summary>
public interface IDigestLog
{
    /// <summary>Claims the person's digest of the day. False: it was claimed (sent) before.</summary>
    Task<bool> TryClaimAsync(DateOnly day, string recipientKey, DateTimeOffset at, CancellationToken cancellationToken);

    Task<bool> IsDayCompleteAsync(DateOnly day, CancellationToken cancellationToken);

    Task MarkDayCompleteAsync(DateOnly day, DateTimeOffset at, CancellationToken cancellationToken);
}
