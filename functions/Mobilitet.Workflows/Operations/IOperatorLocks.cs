namespace Mobilitet.Workflows.Operations;

/// <summary>
/// One operator action at a time per agreement: two administrators who retry, restart or terminate the same agreement at
/// once would otherwise both act on what they read before the other changed it. A lock expires after <see cref="Hold"/>,
/// so an action cut short by a crash frees the agreement by itself.
/// </summary>
public interface IOperatorLocks
{
    /// <summary>Longer than any operator action takes (a restart waits at most 30 s for a stalled instance to stop).</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Takes the agreement's lock at <paramref name="now"/>, or returns null when another action holds it and it has not
    /// expired. Disposing the result releases the lock, unless it expired and another action has taken it since.
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string agreementId, DateTimeOffset now, CancellationToken cancellationToken);
}
