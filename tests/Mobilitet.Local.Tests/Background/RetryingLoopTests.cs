using Mobilitet.Local.Background;
using Mobilitet.Testing.Api;

namespace Mobilitet.Local.Tests.Background;

public sealed class RetryingLoopTests
{
    [Fact]
    public async Task A_run_that_throws_is_reported_and_tried_again_after_a_backoff_and_the_loop_goes_on()
    {
        var runs = 0;
        var failures = new List<(string Message, TimeSpan RetryIn)>();
        using var stop = new CancellationTokenSource();
        var loop = RetryingLoop.RunAsync(
            _ =>
            {
                // Storage away for the first two runs, back from the third.
                return ++runs <= 2 ? throw new InvalidOperationException("storage away " + runs) : Task.CompletedTask;
            },
            interval: TimeSpan.FromMilliseconds(1),
            new Backoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1)),
            (exception, retryIn) =>
            {
                lock (failures)
                {
                    failures.Add((exception.Message, retryIn));
                }
            },
            stop.Token);

        await Eventually.WaitForAsync(() => Task.FromResult(Volatile.Read(ref runs)), count => count >= 5, "the loop to go on after the failures");
        await stop.CancelAsync();
        await loop;

        Assert.Equal([("storage away 1", TimeSpan.FromMilliseconds(1)), ("storage away 2", TimeSpan.FromMilliseconds(1))], failures);
    }

    [Fact]
    public async Task Stopping_ends_the_loop_without_an_exception_even_while_a_run_is_under_way()
    {
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reported = 0;
        var loop = RetryingLoop.RunAsync(
            async cancellation =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellation);
            },
            TimeSpan.FromMinutes(5),
            Backoff.Default,
            (_, _) => reported++,
            stop.Token);

        await started.Task;
        await stop.CancelAsync();
        await loop;

        Assert.Equal(0, reported);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(5, 32)]
    [InlineData(6, 60)]
    [InlineData(40, 60)]
    public void The_backoff_doubles_from_the_first_delay_up_to_its_maximum(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Default.After(failures, TimeSpan.FromMinutes(5)));

    [Fact]
    public void The_backoff_is_never_longer_than_the_loops_own_interval() =>
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.Default.After(10, TimeSpan.FromSeconds(30)));
}
