using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Hosting.Telemetry;

/// <summary>
/// The domain's numbers at one moment, which <see cref="WorkflowMetrics"/>' gauges report until the next snapshot:
/// agreements by status, open escalations by age band, milestones waiting for their data, failed emails by kind.
/// Every status, band, milestone and kind is present (zero when there are none), so a series drops to zero instead of
/// vanishing. Counts and codes only.
/// </summary>
public sealed record WorkflowSnapshot(
    DateTimeOffset TakenAt,
    IReadOnlyDictionary<AgreementStatus, int> AgreementsByStatus,
    IReadOnlyDictionary<EscalationAgeBand, int> OpenEscalationsByAge,
    IReadOnlyDictionary<Milestone, int> MilestonesAwaitingData,
    IReadOnlyDictionary<NotificationKind, int> FailedEmailsByKind)
{
    /// <param name="now">When the reads began: the snapshot's time, and what escalations' ages are measured against.</param>
    /// <param name="escalations">Every escalation; those still <see cref="EscalationStatus.Open"/> or <see cref="EscalationStatus.Unresolved"/> count, by real time since raised.</param>
    /// <param name="awaitingData">The open <see cref="TaskKind.MeasurementDataMissing"/> tasks.</param>
    public static WorkflowSnapshot Of(
        DateTimeOffset now,
        IEnumerable<AgreementRecord> agreements,
        IEnumerable<EscalationRecord> escalations,
        IEnumerable<CaseTask> awaitingData,
        IEnumerable<FailedNotification> failedEmails) => new(
        now,
        CountAll(agreements.Select(agreement => agreement.Status)),
        CountAll(escalations
            .Where(escalation => escalation.Status is EscalationStatus.Open or EscalationStatus.Unresolved)
            .Select(escalation => EscalationAgeBands.Of(now - escalation.RaisedAt))),
        CountAll(awaitingData.Where(task => task.Kind == TaskKind.MeasurementDataMissing && task.Milestone is not null).Select(task => task.Milestone!.Value)),
        CountAll(failedEmails.Select(failure => failure.Kind)));

    private static Dictionary<TKey, int> CountAll<TKey>(IEnumerable<TKey> keys)
        where TKey : struct, Enum
    {
        var counts = Enum.GetValues<TKey>().ToDictionary(key => key, _ => 0);
        foreach (var key in keys)
        {
            counts[key]++;
        }

        return counts;
    }
}

/// <summary>How long an escalation has been open, in real days since it was raised.</summary>
public enum EscalationAgeBand
{
    /// <summary>Under 7 days.</summary>
    Under7Days,

    /// <summary>7 to 30 days.</summary>
    From7To30Days,

    /// <summary>Over 30 days.</summary>
    Over30Days,
}

public static class EscalationAgeBands
{
    public static EscalationAgeBand Of(TimeSpan age) =>
        age < TimeSpan.FromDays(7) ? EscalationAgeBand.Under7Days
        : age <= TimeSpan.FromDays(30) ? EscalationAgeBand.From7To30Days
        : EscalationAgeBand.Over30Days;

    /// <summary>The metric tag value: "lt7d", "7to30d", "gt30d".</summary>
    public static string TagValue(this EscalationAgeBand band) => band switch
    {
        EscalationAgeBand.Under7Days => "lt7d",
        EscalationAgeBand.From7To30Days => "7to30d",
        EscalationAgeBand.Over30Days => "gt30d",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, null),
    };
}
