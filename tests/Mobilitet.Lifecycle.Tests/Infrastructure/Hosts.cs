using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>
/// A policy day of 100 ms, for tests that need timers to fire: a 36-month lifecycle takes about two minutes. Under
/// standard-v2 a person's step must follow its opening closely (consent expires in 3 s, financing escalates after 1 s),
/// so a test whose timers are the milestones' creates its agreement under <see cref="TestPolicies.UnhurriedPeople"/>,
/// and a test about a step's deadline does one step right after another; tests about no timer use <see cref="HourDayHost"/>.
/// </summary>
public sealed class TenthSecondDayHost : LifecycleHost
{
    protected override TimeSpan DayLength => TimeSpan.FromMilliseconds(100);
}

/// <summary>
/// A policy day of an hour, for tests about no timer: none can fire, so a person's step never races one (at 100 ms a
/// loaded machine lets the 1-second financing deadline or the 3-second consent expiry pass between two requests).
/// </summary>
public sealed class HourDayHost : LifecycleHost
{
    protected override TimeSpan DayLength => TimeSpan.FromHours(1);
}

/// <summary>A policy day of 20 ms, for paths that only wait for timers (no human step to race).</summary>
public sealed class FastDayHost : LifecycleHost
{
    protected override TimeSpan DayLength => TimeSpan.FromMilliseconds(20);
}

/// <summary>A policy day of an hour (no timer is tested here) and no Links:PublicBaseUrl: links in emails point where the host listens.</summary>
public sealed class ListeningAddressHost : LifecycleHost
{
    protected override TimeSpan DayLength => TimeSpan.FromHours(1);

    protected override string? PublicBaseUrl => null;
}

/// <summary>
/// The development identity off, as in a deployment behind an identity proxy: the X-MS-CLIENT-PRINCIPAL
/// header is trusted only from 127.0.0.2 (which the tests never send from), and there is no development sign-in.
/// </summary>
public sealed class BehindIdentityProxyHost : LifecycleHost
{
    protected override TimeSpan DayLength => TimeSpan.FromDays(1);

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Identity:Development"] = "false",
        ["Identity:TrustedProxies:0"] = "127.0.0.2",
    };
}

/// <summary>
/// A policy day of 100 ms with the worker's MaximumTimerInterval compressed by the same factor (the
/// default 3 days becomes 3 policy days), so a long wait splits into as many chained timers as it does at
/// real durations, and every generation's history is counted as the worker receives it.
/// </summary>
public sealed class RealTimerSplitsHost : LifecycleHost
{
    public static readonly TimeSpan Day = TimeSpan.FromMilliseconds(100);

    /// <summary>The worker's default MaximumTimerInterval, in policy days.</summary>
    public static readonly double TimerIntervalDays = new Microsoft.DurableTask.Worker.DurableTaskWorkerOptions().MaximumTimerInterval / TimeSpan.FromDays(1);

    public HistoryMeter History { get; } = new();

    protected override TimeSpan DayLength => Day;

    protected override void ConfigureServices(IServiceCollection services)
    {
        History.AttachTo(services);
        services.Configure<Microsoft.DurableTask.Worker.DurableTaskWorkerOptions>(options => options.MaximumTimerInterval = Day * TimerIntervalDays);
    }
}

/// <summary>A policy day of 100 ms and the register-extract drop folder listed every 200 ms.</summary>
public sealed class DropPickupHost : LifecycleHost
{
    protected override TimeSpan DayLength => TimeSpan.FromMilliseconds(100);

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Registers:DropPollInterval"] = "00:00:00.200",
    };
}
