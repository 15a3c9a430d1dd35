using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Mobilitet.Local.Storage;

/// <summary>
/// Azurite (npm package pinned in the repository's package.json) as a child process of the host,
/// in a session of its own: Ctrl+C or a crash of the host does not take the storage down with it,
/// so the host can stop the engine first and then Azurite, gracefully. Azurite keeps its metadata
/// in memory and saves it every few seconds, so it is stopped with SIGINT (it saves on the way out),
/// and killed only if it does not stop. Its process id is kept in the data folder, so a host that
/// restarts after a crash adopts the Azurite it left running.
/// </summary>
public sealed partial class AzuriteProcess
{
    private const string PidFileName = "azurite.pid";
    private const string LogFileName = "azurite.log";
    private const int SigInt = 2;

    private AzuriteProcess(int processId, string location)
    {
        ProcessId = processId;
        Location = location;
    }

    public int ProcessId { get; }

    public string Location { get; }

    /// <summary>Starts Azurite with its data in <paramref name="location"/>, listening on <paramref name="endpoints"/>.</summary>
    /// <param name="ownerProcessId">
    /// If given, Azurite is killed as soon as that process is gone, however it ends (tests use their
    /// own process id). The local host leaves it out: its Azurite must outlive a crash of the host.
    /// </param>
    /// <param name="inMemory">
    /// Keep the data in memory only, for tests whose data need not survive (<paramref name="location"/> then holds just
    /// the log and the pid file): on disk Azurite writes its whole database every 5 seconds, which costs more CPU the
    /// more data a long test run has stored.
    /// </param>
    public static async Task<AzuriteProcess> StartAsync(
        string repositoryRoot,
        string location,
        AzuriteEndpoints endpoints,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        int? ownerProcessId = null,
        bool inMemory = false)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        await EnsureInstalledAsync(repositoryRoot, cancellationToken);
        Directory.CreateDirectory(location);
        var azurite = Path.Combine(repositoryRoot, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        string[] arguments =
        [
            .. inMemory ? (string[])["--inMemoryPersistence"] : ["--location", location],
            "--blobHost", "127.0.0.1", "--blobPort", Number(endpoints.BlobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Number(endpoints.QueuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Number(endpoints.TablePort),
            "--skipApiVersionCheck", "--loose", "--silent", "--disableProductStyleUrl", "--disableTelemetry",
        ];

        using var process = Process.Start(StartInfo(azurite, arguments, Path.Combine(location, LogFileName), location))
            ?? throw new InvalidOperationException("Azurite could not be started.");
        var started = new AzuriteProcess(process.Id, location);
        if (ownerProcessId is { } owner && !OperatingSystem.IsWindows())
        {
            Watch(owner, process.Id);
        }

        await File.WriteAllTextAsync(Path.Combine(location, PidFileName), PidFileLine(process.Id, endpoints), cancellationToken);

        var deadline = Stopwatch.StartNew();
        while (!await IsListeningAsync(endpoints, cancellationToken))
        {
            if (process.HasExited || deadline.Elapsed > timeout)
            {
                await started.StopAsync(TimeSpan.FromSeconds(5));
                var log = File.Exists(Path.Combine(location, LogFileName)) ? await File.ReadAllTextAsync(Path.Combine(location, LogFileName), cancellationToken) : string.Empty;
                throw new InvalidOperationException(
                    $"Azurite did not listen on ports {string.Join('/', endpoints.Ports)} within {timeout.TotalSeconds:0} s (is a port taken?). Its log:\n{log}");
            }

            await Task.Delay(100, cancellationToken);
        }

        return started;
    }

    /// <summary>The Azurite a previous run of the host started in <paramref name="location"/> on these ports, if it still runs.</summary>
    public static AzuriteProcess? TryAdopt(string location, AzuriteEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var pidFile = Path.Combine(location, PidFileName);
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var recorded = File.ReadAllText(pidFile).Trim().Split(';');
        if (recorded.Length != 4
            || !int.TryParse(recorded[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || PidFileLine(pid, endpoints) != string.Join(';', recorded))
        {
            return null;
        }

        return IsAzurite(pid) ? new AzuriteProcess(pid, location) : null;
    }

    private static string PidFileLine(int pid, AzuriteEndpoints endpoints) =>
        string.Join(';', Number(pid), Number(endpoints.BlobPort), Number(endpoints.QueuePort), Number(endpoints.TablePort));

    /// <summary>
    /// Asks Azurite to stop (it saves its data), waits up to <paramref name="grace"/>, then kills it. A kill can lose
    /// the last seconds of writes, and not all at once: Azurite's blob, queue and table stores each save every 5 s on
    /// a timer of their own, so what survives may be a table row (an orchestration's history) without the queue message
    /// written with it (the activity it scheduled).
    /// </summary>
    /// <returns>True if Azurite stopped by itself (or was not running); false if it had to be killed.</returns>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (!IsAlive(ProcessId))
        {
            return true;
        }

        if (!OperatingSystem.IsWindows())
        {
            _ = Kill(ProcessId, SigInt);
        }

        var waited = Stopwatch.StartNew();
        while (IsAlive(ProcessId) && waited.Elapsed < grace)
        {
            await Task.Delay(100);
        }

        var stopped = !IsAlive(ProcessId);
        if (!stopped)
        {
            try
            {
                using var process = Process.GetProcessById(ProcessId);
                process.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // Gone in the meantime.
            }
        }

        // Another host may have started its own Azurite on this folder since: only remove our own record.
        var pidFile = Path.Combine(Location, PidFileName);
        if (File.Exists(pidFile) && File.ReadAllText(pidFile).StartsWith(Number(ProcessId) + ";", StringComparison.Ordinal))
        {
            File.Delete(pidFile);
        }

        return stopped;
    }

    public static async Task<bool> IsListeningAsync(AzuriteEndpoints endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var port in endpoints.Ports)
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Installs the repository's npm packages (Azurite among them) if they are missing.</summary>
    public static async Task EnsureInstalledAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(repositoryRoot, "node_modules", "azurite", "package.json")))
        {
            return;
        }

        Console.WriteLine($"Installing the npm packages (Azurite) in {repositoryRoot} ...");
        var npm = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm") { WorkingDirectory = repositoryRoot, UseShellExecute = false };
        foreach (var argument in (string[])["ci", "--no-audit", "--no-fund"])
        {
            npm.ArgumentList.Add(argument);
        }

        using var install = Process.Start(npm) ?? throw new InvalidOperationException("npm could not be started: is Node.js installed?");
        await install.WaitForExitAsync(cancellationToken);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"`npm ci` failed with exit code {install.ExitCode} in {repositoryRoot}.");
        }
    }

    // Output goes to a log file, not to pipes: after a crash of the host nobody would read the pipes.
    private static ProcessStartInfo StartInfo(string azurite, string[] arguments, string logFile, string workingDirectory)
    {
        ProcessStartInfo start;
        if (OperatingSystem.IsWindows())
        {
            start = new ProcessStartInfo(azurite) { RedirectStandardOutput = false, RedirectStandardError = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            // sh execs setsid, which execs node: the process id stays Azurite's own.
            start = new ProcessStartInfo("/bin/sh");
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec setsid \"$0\" \"$@\" >>\"$AZURITE_LOG\" 2>&1 </dev/null");
            start.ArgumentList.Add(azurite);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["AZURITE_LOG"] = logFile;
        }

        start.UseShellExecute = false;
        start.WorkingDirectory = workingDirectory;
        return start;
    }

    // A detached shell that kills Azurite once the owner process is gone (also after a SIGKILL of it).
    private static void Watch(int ownerProcessId, int azuriteProcessId)
    {
        var watchdog = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        watchdog.ArgumentList.Add("-c");
        watchdog.ArgumentList.Add("exec setsid /bin/sh -c 'while kill -0 \"$0\" 2>/dev/null; do sleep 1; done; kill -9 \"$1\" 2>/dev/null' \"$0\" \"$1\" </dev/null >/dev/null 2>&1");
        watchdog.ArgumentList.Add(Number(ownerProcessId));
        watchdog.ArgumentList.Add(Number(azuriteProcessId));
        using var started = Process.Start(watchdog);
    }

    private static bool IsAzurite(int pid)
    {
        if (!IsAlive(pid))
        {
            return false;
        }

        var commandLine = $"/proc/{pid}/cmdline";
        return !File.Exists(commandLine) || File.ReadAllText(commandLine).Contains("azurite", StringComparison.Ordinal);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
