using System.Diagnostics.Metrics;
using Mobilitet.Workflows.Hosting.Maintenance;

namespace Mobilitet.Workflows.Hosting.Telemetry;

/// <summary>
/// The domain's gauges on meter <see cref="MobilitetTelemetry.Name"/>. A gauge is read on every collection (every
/// minute, per exporter), so it never reads storage: it reports the last <see cref="WorkflowSnapshot"/>, which
/// <see cref="TelemetrySnapshotJob"/> takes on the maintenance timer. Before the first snapshot the gauges report nothing.
/// <list type="bullet">
/// <item><c>mobilitet.agreements</c> {agreement}, tag <c>status</c>: agreements in the read model.</item>
/// <item><c>mobilitet.escalations.open</c> {escalation}, tag <c>age</c> (lt7d, 7to30d, gt30d): open or unresolved escalations.</item>
/// <item><c>mobilitet.milestones.awaiting_data</c> {milestone}, tag <c>milestone</c>: milestones due without measurement data.</item>
/// <item><c>mobilitet.emails.failed</c> {email}, tag <c>kind</c>: emails the email service refused for good.</item>
/// <item><c>mobilitet.snapshot.age</c> s: how old the numbers are.</item>
/// </list>
/// </summary>
public sealed class WorkflowMetrics
{
    private readonly TimeProvider time;
    private WorkflowSnapshot? snapshot;

    public WorkflowMetrics(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        this.time = time;
        var meter = meters.Create(MobilitetTelemetry.Name);
        meter.CreateObservableGauge(
            "mobilitet.agreements",
            () => Observe(current => current.AgreementsByStatus.Select(count => Measure(count.Value, "status", count.Key.ToString()))),
            unit: "{agreement}",
            description: "Agreements by status (read model).");
        meter.CreateObservableGauge(
            "mobilitet.escalations.open",
            () => Observe(current => current.OpenEscalationsByAge.Select(count => Measure(count.Value, "age", count.Key.TagValue()))),
            unit: "{escalation}",
            description: "Open or unresolved escalations by real days since raised.");
        meter.CreateObservableGauge(
            "mobilitet.milestones.awaiting_data",
            () => Observe(current => current.MilestonesAwaitingData.Select(count => Measure(count.Value, "milestone", count.Key.ToString()))),
            unit: "{milestone}",
            description: "Milestones that fell due without measurement data and still wait for it.");
        meter.CreateObservableGauge(
            "mobilitet.emails.failed",
            () => Observe(current => current.FailedEmailsByKind.Select(count => Measure(count.Value, "kind", count.Key.ToString()))),
            unit: "{email}",
            description: "Emails the email service refused for good, by kind.");
        meter.CreateObservableGauge(
            "mobilitet.snapshot.age",
            () => Observe(current => [new Measurement<int>((int)(this.time.GetUtcNow() - current.TakenAt).TotalSeconds)]),
            unit: "s",
            description: "Seconds since the numbers above were taken.");
    }

    /// <summary>
    /// The numbers the gauges report from now on, unless a snapshot begun later is there already: of two runs that
    /// overlap (the local host's timer and a test, two Functions timers), the older reads never replace the newer.
    /// </summary>
    public void Update(WorkflowSnapshot current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var seen = Volatile.Read(ref snapshot);
        while (seen is null || seen.TakenAt <= current.TakenAt)
        {
            var before = Interlocked.CompareExchange(ref snapshot, current, seen);
            if (ReferenceEquals(before, seen))
            {
                return;
            }

            seen = before;
        }
    }

    private IEnumerable<Measurement<int>> Observe(Func<WorkflowSnapshot, IEnumerable<Measurement<int>>> measure) =>
        Volatile.Read(ref snapshot) is { } current ? measure(current).ToList() : [];

    private static Measurement<int> Measure(int value, string tag, string tagValue) => new(value, new KeyValuePair<string, object?>(tag, tagValue));
}
