using System.Globalization;
using System.Security.Cryptography;
using Mobilitet.Local.Storage;
using Mobilitet.Testing;
using Xunit.Abstractions;

namespace Mobilitet.Local.Tests.Infrastructure;

/// <summary>
/// What one test's host runs on: its own Azurite ports and data folder (the host starts Azurite
/// itself), task hub, day length and signing key. Restarted hosts reuse the same environment.
/// </summary>
public sealed class HostEnvironment
{
    private readonly ITestOutputHelper? log;

    public HostEnvironment(TimeSpan dayLength, ITestOutputHelper? log = null, Uri? sendGrid = null)
    {
        this.log = log;
        var ports = FreePort.Get(4);
        Port = ports[0];
        Azurite = new AzuriteEndpoints(ports[1], ports[2], ports[3]);
        AzuriteLocation = Path.Combine(Path.GetTempPath(), "mobilitet-local-" + Guid.NewGuid().ToString("N")[..12]);
        Variables = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = Azurite.ConnectionString,
            ["Azurite__Location"] = AzuriteLocation,
            ["Engine__TaskHub"] = "e2e" + Guid.NewGuid().ToString("N")[..10],
            ["Lifecycle__DayLength"] = dayLength.ToString("c", CultureInfo.InvariantCulture),
            ["Links__PublicBaseUrl"] = $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}",
            ["Notifications__FinanceApproverEmail"] = "finansiering@mobilitet.example.dk",
            ["Telemetry__Console"] = "false", // on in appsettings.json for a developer; tests keep their output small
        };
        if (sendGrid is not null)
        {
            Variables["SendGrid__ApiKey"] = "SG.e2e-key";
            Variables["SendGrid__Host"] = sendGrid.ToString();
        }
    }

    public int Port { get; }

    public AzuriteEndpoints Azurite { get; }

    public string AzuriteLocation { get; }

    public Dictionary<string, string> Variables { get; }

    public Task<LocalHostProcess> StartHostAsync(params string[] arguments) => LocalHostProcess.StartAsync(Port, Variables, log, arguments);

    public Task<bool> AzuriteIsListeningAsync() => AzuriteProcess.IsListeningAsync(Azurite, CancellationToken.None);

    /// <summary>A storage outage: the Azurite the host runs on is stopped (gracefully, so it keeps what it was told).</summary>
    /// <returns>True if it stopped by itself within <paramref name="grace"/>; false if it had to be killed.</returns>
    public async Task<bool> StopAzuriteAsync(TimeSpan grace)
    {
        var running = AzuriteProcess.TryAdopt(AzuriteLocation, Azurite) ?? throw new InvalidOperationException("No Azurite runs for this host.");
        return await running.StopAsync(grace);
    }

    /// <summary>…and started again on the same ports and data; a host restarted later adopts it.</summary>
    public Task StartAzuriteAsync() =>
        AzuriteProcess.StartAsync(AzuriteFixture.FindRepositoryRoot(), AzuriteLocation, Azurite, TimeSpan.FromSeconds(60), CancellationToken.None, ownerProcessId: Environment.ProcessId);

    /// <summary>Whatever a failed test left running on these ports is stopped, and the data folder removed.</summary>
    public async Task CleanUpAsync()
    {
        if (AzuriteProcess.TryAdopt(AzuriteLocation, Azurite) is { } leftOver)
        {
            await leftOver.StopAsync(TimeSpan.Zero);
        }

        if (Directory.Exists(AzuriteLocation))
        {
            Directory.Delete(AzuriteLocation, recursive: true);
        }
    }
}
