namespace Mobilitet.Local.Background;

/// <summary>
/// The loop behind each of the local host's background jobs: run once at start, then every interval. A run that
/// throws (storage down, a bug in one job) is handed to the caller to log and is tried again after a backoff that
/// doubles from <see cref="Backoff.First"/> up to <see cref="Backoff.Max"/>, so a storage outage neither stops the host
/// (an exception escaping a BackgroundService stops it by default) nor waits a whole interval once storage is back.
/// </summary>
public static class RetryingLoop
{
    /// <summary>Runs <paramref name="once"/> until <paramref name="stoppingToken"/> is cancelled, then returns; never throws.</summary>
    /// <param name="failed">Told of each failed run and how long until the next attempt.</param>
    public static async Task RunAsync(Func<CancellationToken, Task> once, TimeSpan interval, Backoff backoff, Action<Exception, TimeSpan> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(once);
        ArgumentNullException.ThrowIfNull(backoff);
        ArgumentNullException.ThrowIfNull(failed);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan next;
            try
            {
                await once(stoppingToken);
                failures = 0;
                next = interval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                next = backoff.After(failures, interval);
                failed(exception, next);
            }

            try
            {
                await Task.Delay(next, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>How long to wait after the n-th failure in a row: <see cref="First"/> doubled each time, at most <see cref="Max"/>.</summary>
public sealed record Backoff(TimeSpan First, TimeSpan Max)
{
    /// <summary>2 s, 4 s, … up to a minute: a storage outage of seconds is noticed over within seconds.</summary>
    public static Backoff Default { get; } = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1));

    /// <summary>Never longer than the loop's own interval: a failure is not a reason to run less often.</summary>
    public TimeSpan After(int failures, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var limit = Max < interval ? Max : interval;
        var delay = First * Math.Pow(2, Math.Min(failures - 1, 30));
        return delay < limit ? delay : limit;
    }
}
