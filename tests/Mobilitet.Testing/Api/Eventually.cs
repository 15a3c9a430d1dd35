namespace Mobilitet.Testing.Api;

/// <summary>
/// Polls for an expected state with a generous deadline. Durable timers run on a shared, noisy
/// machine: tests wait for states, never for amounts of time, and never assert elapsed time.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(120);

    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        using var timeout = new CancellationTokenSource(deadline ?? DefaultDeadline);
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        var last = default(T);
        while (!timeout.IsCancellationRequested)
        {
            last = await read();
            if (done(last))
            {
                return last;
            }

            try
            {
                await Task.Delay(PollInterval(waiting.Elapsed), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"Timed out waiting for {what}. Last seen: {last}");
    }

    /// <summary>
    /// 50 ms at first, then a twentieth of the time waited so far, at most half a second: a state that comes quickly is
    /// seen at once, and a wait of two minutes for M36 reads the agreement a few hundred times instead of a few thousand
    /// (each read is several table queries on the test run's one Azurite, the CPU the tests beside it need).
    /// </summary>
    private static TimeSpan PollInterval(TimeSpan waited) =>
        TimeSpan.FromTicks(Math.Clamp(waited.Ticks / 20, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromMilliseconds(500).Ticks));
}
