using Mobilitet.Local.Storage;
using Mobilitet.Workflows.Azure.Configuration;
using Xunit;

namespace Mobilitet.Testing;

/// <summary>
/// Starts Azurite (the repository's pinned npm package) on free loopback ports with its data in memory
/// and a folder of its own for its log, and stops it again — with the local host's own <see cref="AzuriteProcess"/>, watched so
/// that it dies with the test process however that ends. Use it as a collection fixture so one
/// Azurite serves a whole test assembly; give each test class its own <see cref="NewTablePrefix"/>:
/// <code>
/// [CollectionDefinition(SharedAzurite.Name)]
/// public sealed class SharedAzurite : ICollectionFixture&lt;AzuriteFixture&gt; { public const string Name = "Azurite"; }
/// </code>
/// Classes in one collection run one after another; to share one Azurite between classes that run in
/// parallel, use <see cref="GetSharedAsync"/> instead.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountName = AzuriteEndpoints.AccountName;

    /// <summary>Azurite's well-known development key (public; it only opens a local emulator).</summary>
    public const string AccountKey = AzuriteEndpoints.AccountKey;

    private const int MaxStartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<Task<AzuriteFixture>> Shared = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private AzuriteProcess? process;
    private AzuriteEndpoints? endpoints;

    /// <summary>Azurite's folder (deleted on dispose): its log and pid file; the data stays in memory, as test data need not survive.</summary>
    public string Location { get; private set; } = string.Empty;

    public int BlobPort => Endpoints.BlobPort;

    public int QueuePort => Endpoints.QueuePort;

    public int TablePort => Endpoints.TablePort;

    /// <summary>A connection string for the running Azurite, with explicit blob, queue and table endpoints.</summary>
    public string ConnectionString => Endpoints.ConnectionString;

    /// <summary>The Azurite (Node) process, for benchmarks that count its CPU time.</summary>
    public int ProcessId => process?.ProcessId ?? throw new InvalidOperationException("Azurite has not been started.");

    /// <summary>What Azurite wrote to its log (for diagnostics).</summary>
    public string Output => File.Exists(Path.Combine(Location, "azurite.log")) ? File.ReadAllText(Path.Combine(Location, "azurite.log")) : string.Empty;

    private AzuriteEndpoints Endpoints => endpoints ?? throw new InvalidOperationException("Azurite has not been started.");

    /// <summary>
    /// One Azurite for the whole test process, started on first use; it dies with the process and its
    /// folder is deleted when the process exits. Do not dispose it.
    /// </summary>
    public static Task<AzuriteFixture> GetSharedAsync() => Shared.Value;

    /// <summary>A table prefix no other test class uses: a letter and 12 hex digits (valid for tables and containers).</summary>
    public static string NewTablePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Storage options for this Azurite and the given prefix.</summary>
    public StorageOptions CreateStorageOptions(string tablePrefix) =>
        new() { ConnectionString = ConnectionString, TablePrefix = tablePrefix };

    /// <summary>Configuration keys ("Storage:ConnectionString", "Storage:TablePrefix") for this Azurite and the given prefix.</summary>
    public IReadOnlyDictionary<string, string?> StorageSettings(string tablePrefix) => new Dictionary<string, string?>
    {
        [$"{StorageOptions.Section}:{nameof(StorageOptions.ConnectionString)}"] = ConnectionString,
        [$"{StorageOptions.Section}:{nameof(StorageOptions.TablePrefix)}"] = tablePrefix,
    };

    /// <summary>The repository root (the local host's own lookup: the folder with package.json and the solution).</summary>
    public static string FindRepositoryRoot()
    {
        var root = RepositoryRoot.Find();
        return File.Exists(Path.Combine(root, "package.json"))
            ? root
            : throw new InvalidOperationException($"No repository found above {AppContext.BaseDirectory}; the tests must run inside the repository.");
    }

    public async Task InitializeAsync()
    {
        var root = FindRepositoryRoot();
        if (!File.Exists(Path.Combine(root, "node_modules", "azurite", "package.json")))
        {
            throw new InvalidOperationException($"Azurite is not installed in {root}/node_modules: run `npm ci` in {root} first.");
        }

        Location = Path.Combine(Path.GetTempPath(), "mobilitet-azurite-" + Guid.NewGuid().ToString("N")[..12]);
        AppDomain.CurrentDomain.ProcessExit += DeleteOnExit;
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePort.Get(3);
            endpoints = new AzuriteEndpoints(ports[0], ports[1], ports[2]);
            try
            {
                process = await AzuriteProcess.StartAsync(root, Location, endpoints, StartTimeout, CancellationToken.None, ownerProcessId: Environment.ProcessId, inMemory: true).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < MaxStartAttempts)
            {
                // Most likely a port was taken between picking and binding: pick new ones.
            }
        }
    }

    public async Task DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= DeleteOnExit;
        if (process is not null)
        {
            // Test data need not survive: no grace period.
            await process.StopAsync(TimeSpan.Zero).ConfigureAwait(false);
            process = null;
        }

        await DeleteFolderAsync(Location).ConfigureAwait(false);
    }

    private static async Task<AzuriteFixture> StartSharedAsync()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync().ConfigureAwait(false);
        return azurite;
    }

    private static async Task DeleteFolderAsync(string folder)
    {
        for (var attempt = 1; attempt <= 5 && Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Task.Delay(200 * attempt).ConfigureAwait(false);
            }
        }
    }

    // The shared instance is never disposed: its watchdog kills Azurite when the process is gone;
    // the folder goes here, best effort.
    private void DeleteOnExit(object? sender, EventArgs e)
    {
        try
        {
            if (Location.Length > 0 && Directory.Exists(Location))
            {
                Directory.Delete(Location, recursive: true);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Best effort while the process exits.
        }
    }
}
