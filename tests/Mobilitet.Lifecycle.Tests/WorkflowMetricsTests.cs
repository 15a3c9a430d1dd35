using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Telemetry;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The domain's gauges (meter Mobilitet.Workflows) report the snapshot the maintenance job takes of a small data set on
/// Azurite: agreements by status, open escalations by age, milestones waiting for data, failed emails by kind.
/// </summary>
public sealed class WorkflowMetricsTests(HourDayHost host) : IClassFixture<HourDayHost>
{
    [Fact]
    public async Task The_gauges_report_the_counts_of_the_read_model_as_the_snapshot_job_last_saw_them()
    {
        var now = DateTimeOffset.UtcNow;
        var monitoring1 = await host.StoreWithoutOrchestrationAsync(a => a with { Status = AgreementStatus.Monitoring });
        var monitoring2 = await host.StoreWithoutOrchestrationAsync(a => a with { Status = AgreementStatus.Monitoring });
        var waiting = await host.StoreWithoutOrchestrationAsync();
        var escalations = host.Services.GetRequiredService<IEscalationRepository>();
        await escalations.SaveAsync(Escalation(monitoring1, "m3", EscalationStatus.Open, now.AddDays(-2)), CancellationToken.None);
        await escalations.SaveAsync(Escalation(monitoring1, "m12", EscalationStatus.Open, now.AddDays(-10)), CancellationToken.None);
        await escalations.SaveAsync(Escalation(monitoring2, "m3", EscalationStatus.Unresolved, now.AddDays(-40)), CancellationToken.None);
        await escalations.SaveAsync(Escalation(waiting, "move", EscalationStatus.Decided, now.AddDays(-1)), CancellationToken.None);
        await escalations.SaveAsync(Escalation(monitoring2, "m12", EscalationStatus.ClosedBySystem, now.AddDays(-50)), CancellationToken.None);
        await OpenMissingDataTaskAsync(monitoring1, Milestone.M12, now);
        await OpenMissingDataTaskAsync(monitoring2, Milestone.M12, now);
        await OpenMissingDataTaskAsync(monitoring2, Milestone.M3, now);
        var failed = host.Services.GetRequiredService<IFailedNotifications>();
        await failed.RecordAsync(new FailedNotification(monitoring1, "escalationraised-m3-1", NotificationKind.EscalationRaised, 400, "to", now), CancellationToken.None);
        await failed.RecordAsync(new FailedNotification(monitoring2, "escalationraised-m3-1", NotificationKind.EscalationRaised, 400, "to", now), CancellationToken.None);
        await failed.RecordAsync(new FailedNotification(waiting, "consentreminder-1", NotificationKind.ConsentReminder, 400, "to", now), CancellationToken.None);

        await host.Services.GetRequiredService<TelemetrySnapshotJob>().RunAsync(host.Durable, CancellationToken.None);
        var gauges = Read(host.Services.GetRequiredService<IMeterFactory>());

        Assert.Equal(2, gauges[("mobilitet.agreements", "Monitoring")]);
        Assert.Equal(1, gauges[("mobilitet.agreements", "AwaitingConsent")]);
        Assert.Equal(0, gauges[("mobilitet.agreements", "Completed")]);
        Assert.Equal(1, gauges[("mobilitet.escalations.open", "lt7d")]);
        Assert.Equal(1, gauges[("mobilitet.escalations.open", "7to30d")]);
        Assert.Equal(1, gauges[("mobilitet.escalations.open", "gt30d")]);
        Assert.Equal(2, gauges[("mobilitet.milestones.awaiting_data", "M12")]);
        Assert.Equal(1, gauges[("mobilitet.milestones.awaiting_data", "M3")]);
        Assert.Equal(0, gauges[("mobilitet.milestones.awaiting_data", "M36")]);
        Assert.Equal(2, gauges[("mobilitet.emails.failed", "EscalationRaised")]);
        Assert.Equal(1, gauges[("mobilitet.emails.failed", "ConsentReminder")]);
        Assert.Equal(0, gauges[("mobilitet.emails.failed", "MoveReminder")]);

        // Between snapshots the gauges keep reporting the last one: a change in storage shows at the next run.
        await host.StoreWithoutOrchestrationAsync(a => a with { Status = AgreementStatus.Monitoring });
        Assert.Equal(2, Read(host.Services.GetRequiredService<IMeterFactory>())[("mobilitet.agreements", "Monitoring")]);
        await host.Services.GetRequiredService<TelemetrySnapshotJob>().RunAsync(host.Durable, CancellationToken.None);
        Assert.Equal(3, Read(host.Services.GetRequiredService<IMeterFactory>())[("mobilitet.agreements", "Monitoring")]);
    }

    /// <summary>One collection of this host's gauges (its meter factory's, not other hosts' in this process): (instrument, tag value) → value.</summary>
    private static Dictionary<(string Instrument, string Tag), int> Read(IMeterFactory hostMeters)
    {
        var values = new Dictionary<(string, string), int>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MobilitetTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, hostMeters))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
            values[(instrument.Name, tags.Length == 0 ? string.Empty : (string)tags[0].Value!)] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    private static EscalationRecord Escalation(string agreementId, string subject, EscalationStatus status, DateTimeOffset raisedAt) => new()
    {
        EscalationId = EscalationIds.For(agreementId, subject),
        AgreementId = agreementId,
        Reason = EscalationReason.MeasurementDataMissing,
        Subject = subject,
        Level = 1,
        Status = status,
        RaisedAt = raisedAt,
        LevelDeadline = raisedAt.AddDays(3),
    };

    private Task OpenMissingDataTaskAsync(string agreementId, Milestone milestone, DateTimeOffset now) =>
        host.Services.GetRequiredService<ITaskBoard>().OpenAsync(
            new CaseTask
            {
                AgreementId = agreementId,
                MunicipalityCode = "0751",
                Kind = TaskKind.MeasurementDataMissing,
                Role = TaskKind.MeasurementDataMissing.Role(),
                DueAt = now.AddDays(5),
                DueDate = DateOnly.FromDateTime(now.UtcDateTime.AddDays(5)),
                OpenedAt = now,
                Milestone = milestone,
            },
            CancellationToken.None);
}
