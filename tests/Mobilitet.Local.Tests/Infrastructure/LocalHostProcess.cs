using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Mobilitet.Testing;
using Xunit.Abstractions;

namespace Mobilitet.Local.Tests.Infrastructure;

/// <summary>
/// The real local host as a child process (`dotnet Mobilitet.Local.dll`), configured through
/// environment variables, as an operator would. It can be killed (SIGKILL) or stopped like Ctrl+C.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<string> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly ITestOutputHelper? log;

    private LocalHostProcess(Process process, Uri baseUrl, ITestOutputHelper? log)
    {
        this.process = process;
        this.log = log;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => process.Id;

    /// <summary>The line the host printed when it was ready.</summary>
    public string StartupLine => ready.Task.IsCompletedSuccessfully ? ready.Task.Result : string.Empty;

    public IReadOnlyCollection<string> Output => output.ToArray();

    public bool HasExited => process.HasExited;

    /// <param name="log">Gets every line the host writes (xunit shows it when a test fails).</param>
    public static async Task<LocalHostProcess> StartAsync(int port, IReadOnlyDictionary<string, string> environment, ITestOutputHelper? log, params string[] arguments)
    {
        var dll = HostAssembly();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new LocalHostProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), log);
        process.OutputDataReceived += (_, line) => host.Capture(line.Data);
        process.ErrorDataReceived += (_, line) => host.Capture(line.Data);
        process.Exited += (_, _) => host.ready.TrySetException(new InvalidOperationException("The host exited before it was ready:\n" + string.Join('\n', host.Output)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var started = await Task.WhenAny(host.ready.Task, Task.Delay(TimeSpan.FromMinutes(3)));
        if (started != host.ready.Task)
        {
            await host.KillAsync();
            throw new TimeoutException("The host did not get ready:\n" + string.Join('\n', host.Output));
        }

        await host.ready.Task;
        return host;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or a power cut.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        await process.WaitForExitAsync();
    }

    /// <summary>SIGINT, as Ctrl+C in a terminal: the host stops the engine, then its storage.</summary>
    public async Task<int> StopAsync()
    {
        if (!process.HasExited)
        {
            using var interrupt = Process.Start("kill", [StopSignal, process.Id.ToString(CultureInfo.InvariantCulture)]);
            await interrupt.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed, so that a host that will not stop does not run on beside the rest of the suite.
            await KillAsync();
            throw new TimeoutException($"The host did not stop within 2 minutes of kill {StopSignal}:\n" + string.Join('\n', Output.TakeLast(50)));
        }

        return process.ExitCode;
    }

    /// <summary>
    /// SIGINT, unless this test run was started where SIGINT is ignored (the background of a non-interactive shell,
    /// nohup): the host inherits that, and .NET then keeps ignoring it, as a shell's background jobs do, so the host
    /// would never stop. SIGTERM then, which the host's console lifetime handles the same way.
    /// </summary>
    private static readonly string StopSignal = SigIntIgnored() ? "-TERM" : "-INT";

    private static bool SigIntIgnored()
    {
        const ulong SigIntBit = 1UL << (2 - 1); // signal n is bit n-1 of /proc's masks
        var ignored = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("SigIgn:", StringComparison.Ordinal));
        return ignored is not null
            && ulong.TryParse(ignored["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
            && (mask & SigIntBit) != 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await StopAsync();
        }

        process.Dispose();
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        try
        {
            log?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} [host {process.Id}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; its output is closed.
        }

        if (line.StartsWith("Mobilitet.Workflows is running on", StringComparison.Ordinal))
        {
            ready.TrySetResult(line);
        }
    }

    // The host's own build output, in the configuration the tests were built in.
    private static string HostAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(AzuriteFixture.FindRepositoryRoot(), "functions", "Mobilitet.Local", "bin", configuration, "net10.0", "Mobilitet.Local.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build functions/Mobilitet.Local first.", dll);
    }
}
