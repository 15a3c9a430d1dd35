using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>
/// Everything a host hands to OpenTelemetry, as text: every ended span (name, tags, events, status), every log
/// record (category, message, attributes, exception) and every exported metric (name and tags), attached to the host's
/// own providers beside its exporters.
/// </summary>
public sealed class TelemetryCapture
{
    private readonly ConcurrentQueue<string> spans = new();
    private readonly ConcurrentQueue<string> logs = new();
    private readonly List<MetricSnapshot> metrics = [];

    public IReadOnlyCollection<string> Spans => spans.ToArray();

    public IReadOnlyCollection<string> Logs => logs.ToArray();

    /// <summary>"name tag=value ..." per metric point exported so far, with " => value" for a whole-number gauge (call <see cref="FlushMetrics"/> first).</summary>
    public IReadOnlyList<string> Metrics
    {
        get
        {
            lock (metrics)
            {
                return metrics.SelectMany(metric => metric.MetricPoints.Select(point =>
                    $"{metric.Name} {string.Join(' ', Tags(point.Tags))}"
                    + (metric.MetricType == MetricType.LongGauge ? $" => {point.GetGaugeLastValueLong().ToString(CultureInfo.InvariantCulture)}" : string.Empty))).ToList();
            }
        }
    }

    public void AttachTo(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SpanText(spans)));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(new LogText(logs)));
        services.ConfigureOpenTelemetryMeterProvider(metering => metering.AddInMemoryExporter(new LockedList(metrics)));
    }

    /// <summary>Collects and exports every metric now (the periodic reader would wait a minute).</summary>
    public static void FlushMetrics(IServiceProvider services) =>
        Assert.True(services.GetRequiredService<MeterProvider>().ForceFlush(30_000), "the metrics were exported");

    private static IEnumerable<string> Tags(ReadOnlyTagCollection tags)
    {
        foreach (var tag in tags)
        {
            yield return $"{tag.Key}={Convert.ToString(tag.Value, CultureInfo.InvariantCulture)}";
        }
    }

    private static string Text(IEnumerable<KeyValuePair<string, object?>> pairs) =>
        string.Join(' ', pairs.Select(pair => $"{pair.Key}={Convert.ToString(pair.Value, CultureInfo.InvariantCulture)}"));

    private sealed class SpanText(ConcurrentQueue<string> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Enqueue(
            $"{data.Source.Name} {data.DisplayName} {Text(data.TagObjects)} {data.StatusDescription} "
            + string.Join(' ', data.Events.Select(e => $"{e.Name} {Text(e.Tags)}"))
            + string.Join(' ', data.Baggage.Select(b => $"{b.Key}={b.Value}")));
    }

    private sealed class LogText(ConcurrentQueue<string> logs) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data) => logs.Enqueue(
            $"{data.CategoryName} {data.FormattedMessage} {data.Body} {Text(data.Attributes ?? [])} {data.Exception}");
    }

    /// <summary>The in-memory exporter adds from the reader's thread while a test reads.</summary>
    private sealed class LockedList(List<MetricSnapshot> inner) : ICollection<MetricSnapshot>
    {
        public int Count { get { lock (inner) { return inner.Count; } } }

        public bool IsReadOnly => false;

        public void Add(MetricSnapshot item) { lock (inner) { inner.Add(item); } }

        public void Clear() { lock (inner) { inner.Clear(); } }

        public bool Contains(MetricSnapshot item) { lock (inner) { return inner.Contains(item); } }

        public void CopyTo(MetricSnapshot[] array, int arrayIndex) { lock (inner) { inner.CopyTo(array, arrayIndex); } }

        public bool Remove(MetricSnapshot item) { lock (inner) { return inner.Remove(item); } }

        public IEnumerator<MetricSnapshot> GetEnumerator() { lock (inner) { return inner.ToList().GetEnumerator(); } }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
