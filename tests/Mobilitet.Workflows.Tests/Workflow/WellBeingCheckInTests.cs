using Mobilitet.Testing;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.WellBeing;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>
/// The resident's well-being check-in on the real engine: asked before each milestone under standard-v2, their score
/// part of the measurement, a low score escalating, no answer missing (never low), and standard-v1 untouched.
/// </summary>
public sealed class WellBeingCheckInTests(WorkflowEngine engine) : IClassFixture<WorkflowEngine>
{
    private static readonly string V2 = PolicyCatalog.StandardV2.Name;

    private static DateOnly MovedMonthsAgo(int months) => WorkflowEngine.Today.AddMonths(-months);

    /// <summary>The resident answered <paramref name="score"/> before M3 was measured.</summary>
    private Func<string, Task> Answered(int score) => async id =>
    {
        var now = DateTimeOffset.UtcNow;
        await engine.CheckIns.InviteAsync(new CheckIn(id, Milestone.M3, now.AddDays(-1), now.AddDays(1)), CancellationToken.None);
        Assert.Equal(CheckInAnswer.Recorded, await engine.CheckIns.AnswerAsync(id, Milestone.M3, score, now, CancellationToken.None));
    };

    [Fact]
    public async Task Under_standard_v2_a_score_below_the_minimum_is_a_breach_that_escalates_even_with_indicators_on_track()
    {
        var id = await engine.StartMonitoringAsync(Days.TimersCannotFire, Milestone.M3, MovedMonthsAgo(3), onTrack: [Milestone.M3], policy: V2, beforeStart: Answered(2));

        var escalation = await engine.WaitForEscalationAsync(id, "M3");

        Assert.Equal(EscalationReason.IndicatorBelowThreshold, escalation.Reason);
        var measured = Assert.Single(await engine.Measurements.ListAsync(id, CancellationToken.None));
        Assert.Equal((MeasurementOutcome.BelowThreshold, 2), (measured.Outcome, measured.Values?.WellBeingScore));
        Assert.Equal([Breach.WellBeingBelowMinimum], measured.Breaches);
        var email = await engine.WaitForEmailAsync(id, NotificationKind.EscalationRaised);
        Assert.Contains("Borgerens svar på, hvordan det går i den nye bolig, er under minimum.", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_standard_v2_the_resident_is_asked_by_email_with_a_link_and_no_answer_is_missing_not_low()
    {
        var id = await engine.StartMonitoringAsync(Days.TimersCannotFire, Milestone.M3, MovedMonthsAgo(3), onTrack: [Milestone.M3], policy: V2);

        await engine.WaitForTimelineAsync(id, TimelineKind.MilestoneMeasured, "M3:OnTrack");

        var checkIn = await engine.CheckIns.FindAsync(id, Milestone.M3, CancellationToken.None);
        Assert.NotNull(checkIn);
        Assert.False(checkIn.IsAnswered);
        var measured = Assert.Single(await engine.Measurements.ListAsync(id, CancellationToken.None));
        Assert.Null(measured.Values?.WellBeingScore);
        Assert.Empty(measured.Breaches);
        var email = await engine.WaitForEmailAsync(id, NotificationKind.WellBeingCheckIn);
        Assert.Equal([Samples.ResidentEmail], email.To);
        Assert.Empty(email.Cc);
        Assert.Equal("Hvordan har du det i din nye bolig?", email.Subject);
        Assert.Contains("http://mobilitet.test/trivsel?token=", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("0101901234", email.TextBody, StringComparison.Ordinal);
        Assert.Contains(TimelineKind.WellBeingCheckInSent, (await engine.Timeline.ReadAsync(id, CancellationToken.None)).Select(entry => entry.Kind));
        Assert.Empty(await engine.Escalations.ListAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task A_standard_v1_agreement_keeps_its_rules_no_check_in_no_email_and_an_answer_on_file_is_not_held_against_it()
    {
        var id = await engine.StartMonitoringAsync(Days.TimersCannotFire, Milestone.M3, MovedMonthsAgo(3), onTrack: [Milestone.M3], beforeStart: Answered(1));

        await engine.WaitForTimelineAsync(id, TimelineKind.MilestoneMeasured, "M3:OnTrack");

        var measured = Assert.Single(await engine.Measurements.ListAsync(id, CancellationToken.None));
        Assert.Equal((MeasurementOutcome.OnTrack, (int?)null), (measured.Outcome, measured.Values?.WellBeingScore));
        Assert.Empty(engine.Emails.About(id));
        Assert.DoesNotContain(TimelineKind.WellBeingCheckInSent, (await engine.Timeline.ReadAsync(id, CancellationToken.None)).Select(entry => entry.Kind));
    }
}
