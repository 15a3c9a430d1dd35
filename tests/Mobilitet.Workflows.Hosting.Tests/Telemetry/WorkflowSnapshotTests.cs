using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Telemetry;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Hosting.Tests.Telemetry;

public sealed class WorkflowSnapshotTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, EscalationAgeBand.Under7Days)]
    [InlineData(6.99, EscalationAgeBand.Under7Days)]
    [InlineData(7, EscalationAgeBand.From7To30Days)]
    [InlineData(30, EscalationAgeBand.From7To30Days)]
    [InlineData(30.01, EscalationAgeBand.Over30Days)]
    public void Escalations_fall_in_age_bands_by_real_days_since_raised(double days, EscalationAgeBand band) =>
        Assert.Equal(band, EscalationAgeBands.Of(TimeSpan.FromDays(days)));

    [Fact]
    public void Every_status_band_milestone_and_kind_is_counted_with_zero_for_none()
    {
        var snapshot = WorkflowSnapshot.Of(
            Now,
            [],
            [Escalation(EscalationStatus.Open, 3), Escalation(EscalationStatus.Unresolved, 45), Escalation(EscalationStatus.Decided, 1), Escalation(EscalationStatus.Cancelled, 2)],
            [DataTask(Milestone.M12), DataTask(Milestone.M12)],
            []);

        Assert.Equal(Enum.GetValues<AgreementStatus>().Length, snapshot.AgreementsByStatus.Count);
        Assert.All(snapshot.AgreementsByStatus.Values, count => Assert.Equal(0, count));
        Assert.Equal(1, snapshot.OpenEscalationsByAge[EscalationAgeBand.Under7Days]);
        Assert.Equal(0, snapshot.OpenEscalationsByAge[EscalationAgeBand.From7To30Days]);
        Assert.Equal(1, snapshot.OpenEscalationsByAge[EscalationAgeBand.Over30Days]);
        Assert.Equal(2, snapshot.MilestonesAwaitingData[Milestone.M12]);
        Assert.Equal(0, snapshot.MilestonesAwaitingData[Milestone.M3]);
        Assert.Equal(Enum.GetValues<NotificationKind>().Length, snapshot.FailedEmailsByKind.Count);
    }

    [Fact]
    public void The_gauges_report_nothing_before_the_first_snapshot_and_an_older_snapshot_never_replaces_a_newer_one()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var metrics = new WorkflowMetrics(meters, TimeProvider.System);
        Assert.Empty(Agreements(meters));

        metrics.Update(Snapshot(Now, monitoring: 5));
        metrics.Update(Snapshot(Now.AddMinutes(-1), monitoring: 1)); // a run that began earlier and ended later
        Assert.Equal(5, Agreements(meters)["Monitoring"]);

        metrics.Update(Snapshot(Now.AddMinutes(5), monitoring: 6));
        Assert.Equal(6, Agreements(meters)["Monitoring"]);
    }

    private static WorkflowSnapshot Snapshot(DateTimeOffset at, int monitoring) => WorkflowSnapshot.Of(
        at,
        Enumerable.Range(0, monitoring).Select(i => new AgreementRecord
        {
            AgreementId = $"a{i}",
            MunicipalityCode = "0751",
            HousingAssociation = "Brabrand Boligforening",
            Direction = MoveDirection.Out,
            FromArea = "Gellerupparken",
            PlannedMoveDate = new DateOnly(2027, 1, 1),
            PolicyName = "standard-v1",
            Status = AgreementStatus.Monitoring,
            CreatedAt = at,
            LastChangedAt = at,
            DayLength = TimeSpan.FromDays(1),
            Baseline = null,
            RequestedDkk = 20_000m,
            SupervisorLevels = 1,
        }),
        [],
        [],
        []);

    private static Dictionary<string, int> Agreements(IMeterFactory meters)
    {
        var values = new Dictionary<string, int>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "mobilitet.agreements" && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => values[(string)tags[0].Value!] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    private static EscalationRecord Escalation(EscalationStatus status, double daysAgo) => new()
    {
        EscalationId = $"e{status}{daysAgo}",
        AgreementId = "a1",
        Reason = EscalationReason.MoveOverdue,
        Subject = "move",
        Level = 1,
        Status = status,
        RaisedAt = Now.AddDays(-daysAgo),
    };

    private static CaseTask DataTask(Milestone milestone) => new()
    {
        AgreementId = "a1",
        MunicipalityCode = "0751",
        Kind = TaskKind.MeasurementDataMissing,
        Role = TaskKind.MeasurementDataMissing.Role(),
        DueAt = Now,
        DueDate = DateOnly.FromDateTime(Now.UtcDateTime),
        OpenedAt = Now,
        Milestone = milestone,
    };
}
