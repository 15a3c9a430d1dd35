using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mobilitet.Workflows.Azure.Configuration;
using Xunit;

namespace Mobilitet.Testing;

/// <summary>
/// Starts Azurite (the repository's pinned npm package, node_modules/.bin/azurite) on free loopback
/// ports with a fresh data folder, and stops it again. Use it as a collection fixture so one Azurite
/// serves a whole test assembly; give each test class its own <see cref="NewTablePrefix"/>:
/// <code>
/// [CollectionDefinition(SharedAzurite.Name)]
/// public sealed class SharedAzurite : ICollectionFixture&lt;AzuriteFixture&gt; { public const string Name = "Azurite"; }
/// </code>
/// (xunit looks for collection definitions in the test assembly itself, so each test project declares its own.)
/// Classes in one collection run one after another; to share one Azurite between classes that run in
/// parallel, use <see cref="GetSharedAsync"/> instead.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public; it only opens a local emulator).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int MaxStartAttempts = 3;
    private const int MaxCapturedOutput = 16_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private static readonly Lazy<Task<AzuriteFixture>> Shared = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly StringBuilder output = new();
    private Process? process;
    private string? connectionString;

    /// <summary>The data folder Azurite writes to (deleted on dispose).</summary>
    public string Location { get; private set; } = string.Empty;

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    /// <summary>A connection string for the running Azurite, with explicit blob, queue and table endpoints.</summary>
    public string ConnectionString => connectionString ?? throw new InvalidOperationException("Azurite has not been started.");

    /// <summary>What Azurite wrote to its standard output and error (for diagnostics).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// One Azurite for the whole test process, started on first use; it is killed and its folder
    /// deleted when the process exits. Do not dispose it.
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

    /// <summary>The repository root: the nearest folder above the test binaries that holds package.json.</summary>
    public static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "package.json")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No package.json found above {AppContext.BaseDirectory}; the tests must run inside the repository.");
    }

    public async Task InitializeAsync()
    {
        var root = FindRepositoryRoot();
        var executable = Path.Combine(root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        if (!Directory.Exists(Path.Combine(root, "node_modules", "azurite")) || !File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed in {root}/node_modules: run `npm ci` in {root} first.");
        }

        Location = Path.Combine(Path.GetTempPath(), "mobilitet-azurite-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Location);
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;

        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePort.Get(3);
            (BlobPort, QueuePort, TablePort) = (ports[0], ports[1], ports[2]);
            Start(executable, root);
            try
            {
                await WaitUntilListeningAsync().ConfigureAwait(false);
                break;
            }
            catch (AzuriteExitedException) when (attempt < MaxStartAttempts)
            {
                // Most likely a port was taken between picking and binding: pick new ones.
                lock (output)
                {
                    output.Clear();
                }
            }
        }

        connectionString = string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};"
            + $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};"
            + $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};");
    }

    public async Task DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        if (process is not null)
        {
            await StopAsync(process).ConfigureAwait(false);
            process.Dispose();
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

    private void Start(string executable, string root)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Location,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in (string[])
            [
                "--location", Location,
                "--blobHost", "127.0.0.1", "--blobPort", Port(BlobPort),
                "--queueHost", "127.0.0.1", "--queuePort", Port(QueuePort),
                "--tableHost", "127.0.0.1", "--tablePort", Port(TablePort),
                "--skipApiVersionCheck", "--loose", "--silent", "--disableProductStyleUrl", "--disableTelemetry",
            ])
        {
            start.ArgumentList.Add(argument);
        }

        var started = new Process { StartInfo = start, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, line) => Capture(line.Data);
        started.ErrorDataReceived += (_, line) => Capture(line.Data);
        try
        {
            started.Start();
        }
        catch (Win32Exception e)
        {
            started.Dispose();
            throw new InvalidOperationException($"Could not start {executable}: is Node.js (20 or later) on PATH? Install the npm packages with `npm ci` in {root}.", e);
        }

        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;

        static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
    }

    private async Task WaitUntilListeningAsync()
    {
        var running = process ?? throw new InvalidOperationException("Azurite was not started.");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (running.HasExited)
            {
                var exitCode = running.ExitCode;
                running.Dispose();
                process = null;
                throw new AzuriteExitedException($"Azurite exited with code {exitCode} before listening on ports {BlobPort}/{QueuePort}/{TablePort}. Its output:\n{Output}");
            }

            if (await IsListeningAsync(BlobPort).ConfigureAwait(false)
                && await IsListeningAsync(QueuePort).ConfigureAwait(false)
                && await IsListeningAsync(TablePort).ConfigureAwait(false))
            {
                return;
            }

            if (deadline.Elapsed > StartTimeout)
            {
                await StopAsync(running).ConfigureAwait(false);
                throw new TimeoutException($"Azurite did not listen on ports {BlobPort}/{QueuePort}/{TablePort} within {StartTimeout.TotalSeconds:0} s. Its output:\n{Output}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task StopAsync(Process running)
    {
        try
        {
            if (!running.HasExited)
            {
                // Azurite ignores SIGTERM for seconds; test data need not survive, so kill it.
                running.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(StopTimeout);
            await running.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or OperationCanceledException)
        {
            // Already gone, or it will be reaped with the test host.
        }
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

    /// <summary>The last resort when the fixture is not disposed (a shared instance, an aborted run).</summary>
    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            if (process is { HasExited: false } running)
            {
                running.Kill(entireProcessTree: true);
                running.WaitForExit(5_000);
            }

            if (Location.Length > 0 && Directory.Exists(Location))
            {
                Directory.Delete(Location, recursive: true);
            }
        }
        catch (Exception error) when (error is InvalidOperationException or Win32Exception or IOException or UnauthorizedAccessException)
        {
            // Best effort while the process exits.
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < MaxCapturedOutput)
            {
                output.AppendLine(line);
            }
        }
    }

    private sealed class AzuriteExitedException(string message) : Exception(message);
}
