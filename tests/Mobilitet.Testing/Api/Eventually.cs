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
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"Timed out waiting for {what}. Last seen: {last}");
    }
}
