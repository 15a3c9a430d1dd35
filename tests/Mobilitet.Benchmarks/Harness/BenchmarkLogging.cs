using Microsoft.Extensions.Logging;

namespace Mobilitet.Benchmarks.Harness;

internal static class BenchmarkLogging
{
    /// <summary>Quiet by default (logging costs time); BENCH_LOG=Debug|Information|Warning shows the hosts' logs to find a stall.</summary>
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        if (Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("BENCH_LOG"), ignoreCase: true, out var level))
        {
            logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(level);
        }
    }
}
