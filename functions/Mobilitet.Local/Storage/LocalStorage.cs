using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;

namespace Mobilitet.Local.Storage;

/// <summary>Configuration section "Azurite": where the local host keeps the emulator's data.</summary>
public sealed class AzuriteOptions
{
    public const string Section = "Azurite";

    /// <summary>The data folder; default: .local/azurite in the repository (git-ignored).</summary>
    public string? Location { get; set; }

    /// <summary>
    /// How long Azurite may take to save and stop before it is killed. Generous: a kill loses its last seconds of writes
    /// (docs/reliability.md), and under load Azurite was seen to need 15 s.
    /// </summary>
    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Makes sure the configured storage is there before anything uses it. A development connection
/// string (Azurite) that nothing answers on gets an Azurite started by this host — and stopped
/// with it; one that answers is used as it is (and adopted, if a crashed run of this host left it).
/// A real Azure Storage connection string is used as configured. Registered as the first hosted
/// service, so it starts before the engine and stops after it.
/// </summary>
public sealed partial class LocalStorage(IConfiguration configuration, IOptions<AzuriteOptions> options, ILogger<LocalStorage> logger) : IHostedService
{
    private AzuriteProcess? azurite;

    /// <summary>What the host runs on, in one phrase (startup line, health).</summary>
    public string Description { get; private set; } = "not started";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connectionString = configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.ConnectionString)}"];
        if (!AzuriteEndpoints.TryParse(connectionString, out var endpoints))
        {
            Description = connectionString is { Length: > 0 }
                ? $"Azure Storage ({AccountOf(connectionString)})"
                : $"Azure Storage ({configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.AccountName)}"]}, managed identity)";
            return;
        }

        var repository = RepositoryRoot.Find();
        var location = options.Value.Location ?? Path.Combine(repository, ".local", "azurite");
        if (await AzuriteProcess.IsListeningAsync(endpoints, cancellationToken))
        {
            azurite = AzuriteProcess.TryAdopt(location, endpoints);
            Description = azurite is null
                ? $"Azurite already running on ports {string.Join('/', endpoints.Ports)} (left running at exit)"
                : $"Azurite (pid {azurite.ProcessId}, adopted from an earlier run), data in {location}";
            return;
        }

        azurite = await AzuriteProcess.StartAsync(repository, location, endpoints, TimeSpan.FromSeconds(60), cancellationToken);
        LogStarted(azurite.ProcessId, location);
        Description = $"Azurite (pid {azurite.ProcessId}, started by this host), data in {location}";
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (azurite is not null)
        {
            if (await azurite.StopAsync(options.Value.StopGrace))
            {
                LogStopped(azurite.ProcessId);
            }
            else
            {
                LogKilled(azurite.ProcessId, options.Value.StopGrace.TotalSeconds);
            }
        }
    }

    // The account name only: the connection string itself holds the key.
    private static string AccountOf(string connectionString) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.TryGetValue("AccountName", out var name)
            ? $"{name}"
            : "connection string";

    [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite (pid {ProcessId}) with its data in {Location}")]
    private partial void LogStarted(int processId, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped Azurite (pid {ProcessId})")]
    private partial void LogStopped(int processId);

    // Its stores save every 5 s each on their own timer: the last seconds of writes may be lost, and not all at once.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Azurite (pid {ProcessId}) did not stop within {GraceSeconds} s and was killed; its last seconds of writes may be lost (Azurite:StopGrace)")]
    private partial void LogKilled(int processId, double graceSeconds);
}
