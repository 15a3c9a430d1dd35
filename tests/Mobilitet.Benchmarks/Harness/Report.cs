using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Mobilitet.Benchmarks.Harness;

/// <summary>Prints the measurements as a table and writes them, with the machine they ran on, as JSON.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Print(IReadOnlyList<Measurement> measurements, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine(Row("stage", "case", "metric", "value", "baseline", "ratio", "target"));
        foreach (var m in measurements)
        {
            writer.WriteLine(Row(m.Stage, m.Case, m.Metric, Number(m.Value), m.Baseline is { } b ? Number(b) : "", m.Ratio is { } r ? r.ToString("F3", CultureInfo.InvariantCulture) : "", m.Target ?? ""));
        }
    }

    public static async Task WriteJsonAsync(string path, BenchmarkOptions options, IReadOnlyList<Measurement> measurements)
    {
        var report = new
        {
            machine = Machine(),
            startedAt = DateTimeOffset.UtcNow,
            dayLengthMs = options.DayLength.TotalMilliseconds,
            sizes = options.Sizes,
            measurements = measurements.Select(m => new { m.Stage, m.Case, m.Metric, m.Value, m.Baseline, m.Ratio, m.Target }),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json));
    }

    public static object Machine() => new
    {
        processors = Environment.ProcessorCount,
        memoryGiB = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        dotnet = Environment.Version.ToString(),
        os = RuntimeInformation.OSDescription,
        serverGc = System.Runtime.GCSettings.IsServerGC,
    };

    private static string Number(double value) => value.ToString(Math.Abs(value) >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);

    private static string Row(string stage, string @case, string metric, string value, string baseline, string ratio, string target) =>
        $"{stage,-12} {@case,-28} {metric,-30} {value,10} {baseline,10} {ratio,7} {target,7}";
}
