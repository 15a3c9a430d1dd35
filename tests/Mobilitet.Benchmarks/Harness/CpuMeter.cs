using System.Diagnostics;

namespace Mobilitet.Benchmarks.Harness;

/// <summary>
/// The CPU time one half of a comparison takes on the machine: this process (harness, clients, host, engine, worker) and
/// its Azurite, from <see cref="Start"/> to <see cref="Stop"/>. On two cores shared by both processes the sum, not either
/// alone, bounds how many agreements a second the half can run.
/// </summary>
internal sealed class CpuMeter
{
    private readonly int azuriteProcessId;
    private readonly TimeSpan dotnetAtStart;
    private readonly TimeSpan azuriteAtStart;

    private CpuMeter(int azuriteProcessId)
    {
        this.azuriteProcessId = azuriteProcessId;
        dotnetAtStart = DotnetTime();
        azuriteAtStart = AzuriteTime(azuriteProcessId);
    }

    public static CpuMeter Start(OwnAzurite azurite) => new(azurite.ProcessId);

    /// <summary>CPU seconds since <see cref="Start"/>: this process's and Azurite's.</summary>
    public (double Dotnet, double Azurite) Stop() =>
        ((DotnetTime() - dotnetAtStart).TotalSeconds, (AzuriteTime(azuriteProcessId) - azuriteAtStart).TotalSeconds);

    private static TimeSpan DotnetTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static TimeSpan AzuriteTime(int processId)
    {
        using var azurite = Process.GetProcessById(processId);
        return azurite.TotalProcessorTime;
    }
}
