namespace Mobilitet.Benchmarks.Harness;

/// <summary>
/// One number the benchmark reports, with the baseline it was measured beside in the same process.
/// <paramref name="Ratio"/> is oriented so that 1.0 means "as good as the baseline" and higher is better
/// for rates, lower is better for costs; <paramref name="Target"/> says which way the issue wants it.
/// </summary>
/// <param name="Stage">The benchmark stage (throughput, storage, ...).</param>
/// <param name="Case">What ran: provider, N, concurrency ...</param>
/// <param name="Metric">What was measured (agreements/s, table requests, MB per 1,000 ...).</param>
/// <param name="Value">Our system's value.</param>
/// <param name="Baseline">The bare baseline's value, where there is one.</param>
/// <param name="Target">The target for the ratio, for example "≥ 0.8" or "≤ 1.5".</param>
internal sealed record Measurement(string Stage, string Case, string Metric, double Value, double? Baseline = null, string? Target = null)
{
    public double? Ratio => Baseline is > 0 ? Value / Baseline : null;
}
