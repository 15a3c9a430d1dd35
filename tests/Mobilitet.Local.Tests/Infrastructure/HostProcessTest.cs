using System.Globalization;
using System.Text.Json.Nodes;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Policies;
using Xunit.Abstractions;

namespace Mobilitet.Local.Tests.Infrastructure;

/// <summary>
/// A test of the local host as a process: a SendGrid endpoint of its own and a <see cref="HostEnvironment"/> (Azurite
/// ports, data folder, task hub) for the hosts it starts, cleaned up afterwards.
/// </summary>
public abstract class HostProcessTest(ITestOutputHelper log, TimeSpan dayLength) : IAsyncLifetime
{
    protected ITestOutputHelper Log { get; } = log;

    protected TimeSpan DayLength { get; } = dayLength;

    protected FakeSendGridServer SendGrid { get; private set; } = null!;

    protected HostEnvironment Environment { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        SendGrid = await FakeSendGridServer.StartNewAsync("SG.e2e-key");
        Environment = new HostEnvironment(DayLength, Log, SendGrid.BaseUrl);
    }

    public virtual async Task DisposeAsync()
    {
        await Environment.CleanUpAsync();
        await SendGrid.DisposeAsync();
    }

    /// <summary>Today in the agreement's policy time, which runs ahead of the calendar with a compressed day (a move may be recorded on it).</summary>
    protected DateOnly PolicyToday(JsonObject agreement) =>
        new PolicyClock(DateTimeOffset.Parse(agreement.Text("createdAt"), CultureInfo.InvariantCulture).UtcDateTime, DayLength).DateAt(DateTime.UtcNow);
}
