using System.Text.Json.Nodes;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
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

    /// <summary>
    /// Starts the test's first host. The environment's ports were free when picked, but the OS hands the same range to
    /// other processes' outgoing connections: if one took a port meanwhile, new ports are picked and the start tried again.
    /// </summary>
    protected async Task<LocalHostProcess> StartFirstHostAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Environment.StartHostAsync();
            }
            catch (InvalidOperationException exception) when (attempt < 3
                && (exception.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) || exception.Message.Contains("is a port taken?", StringComparison.Ordinal)))
            {
                Log.WriteLine($"A port was taken before the host could bind it; new ports (attempt {attempt + 1})");
                await Environment.CleanUpAsync();
                Environment = new HostEnvironment(DayLength, Log, SendGrid.BaseUrl);
            }
        }
    }

    /// <summary>Today in the agreement's policy time, which runs ahead of the calendar with a compressed day (a move may be recorded on it).</summary>
    protected DateOnly PolicyToday(JsonObject agreement) => AgreementForms.PolicyToday(agreement, DayLength);
}
