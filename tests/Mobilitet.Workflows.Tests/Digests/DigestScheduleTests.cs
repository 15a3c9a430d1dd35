using Mobilitet.Workflows.Digests;

namespace Mobilitet.Workflows.Tests.Digests;

/// <summary>The digest is due on weekdays from 07:00 to noon Copenhagen time, in winter (UTC+1) and in summer (UTC+2).</summary>
public sealed class DigestScheduleTests
{
    [Theory]
    [InlineData("2026-12-01T05:59:00Z", null)] // Tuesday 06:59 CET
    [InlineData("2026-12-01T06:00:00Z", "2026-12-01")] // Tuesday 07:00 CET
    [InlineData("2026-12-01T10:59:00Z", "2026-12-01")] // Tuesday 11:59 CET
    [InlineData("2026-12-01T11:00:00Z", null)] // Tuesday noon
    [InlineData("2027-06-15T05:00:00Z", "2027-06-15")] // Tuesday 07:00 CEST
    [InlineData("2027-06-15T04:59:00Z", null)] // Tuesday 06:59 CEST
    [InlineData("2026-12-05T06:00:00Z", null)] // Saturday
    [InlineData("2026-12-06T08:00:00Z", null)] // Sunday
    [InlineData("2026-12-07T06:30:00Z", "2026-12-07")] // Monday
    public void A_digest_is_due_on_weekday_mornings_in_copenhagen_time(string utc, string? day)
    {
        Assert.Equal(day is null ? null : DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), DigestSchedule.DueDay(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_utc_timer_fires_at_seven_copenhagen_time_in_winter_and_in_summer()
    {
        // 05:00 and 06:00 UTC, weekdays: one of the two is 07:00 in Copenhagen whatever the season.
        Assert.Equal("0 0 5,6 * * 1-5", DigestSchedule.Cron);
        Assert.NotNull(DigestSchedule.DueDay(new DateTimeOffset(2027, 1, 12, 6, 0, 0, TimeSpan.Zero)));
        Assert.Null(DigestSchedule.DueDay(new DateTimeOffset(2027, 1, 12, 5, 0, 0, TimeSpan.Zero)));
        Assert.NotNull(DigestSchedule.DueDay(new DateTimeOffset(2027, 7, 13, 5, 0, 0, TimeSpan.Zero)));
    }
}
