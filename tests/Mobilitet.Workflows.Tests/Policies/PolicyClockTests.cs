using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Tests.Policies;

public sealed class PolicyClockTests
{
    private static readonly DateTime Origin = new(2026, 11, 27, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void With_real_days_policy_time_is_real_time()
    {
        var clock = new PolicyClock(Origin, TimeSpan.FromDays(1));
        var instant = Origin.AddDays(1095).AddHours(3);

        Assert.Equal(instant, clock.ToReal(instant));
        Assert.Equal(instant, clock.ToPolicy(instant));
        Assert.Equal(new DateOnly(2029, 11, 26), clock.DateAt(instant));
    }

    [Fact]
    public void A_compressed_day_plays_36_months_in_about_a_minute()
    {
        var clock = new PolicyClock(Origin, TimeSpan.FromMilliseconds(50));
        var m36 = DanishCalendar.StartOfDayUtc(new DateOnly(2029, 11, 27));

        var real = clock.ToReal(m36);

        Assert.InRange(real - Origin, TimeSpan.FromSeconds(54), TimeSpan.FromSeconds(55));
        Assert.Equal(m36, clock.ToPolicy(real));
        Assert.Equal(TimeSpan.FromMilliseconds(350), clock.Days(7));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(100)]
    [InlineData(2_000)]
    [InlineData(86_400_000)]
    public void The_start_of_a_date_reads_back_as_that_date_at_any_day_length(int dayMilliseconds)
    {
        // Rounding the real instant down made a compressed clock show a milestone's date as the day before.
        var clock = new PolicyClock(Origin.AddTicks(3), TimeSpan.FromMilliseconds(dayMilliseconds));
        var first = DanishCalendar.DateOf(Origin);

        for (var date = first.AddDays(-3); date <= first.AddMonths(40); date = date.AddDays(1))
        {
            Assert.Equal(date, clock.DateAt(clock.StartOf(date)));
            Assert.True(clock.ToPolicy(clock.StartOf(date)) >= DanishCalendar.StartOfDayUtc(date));
        }
    }

    [Fact]
    public void Dates_are_danish_calendar_dates()
    {
        // 23:30 UTC on 31 December is already 1 January in Copenhagen.
        Assert.Equal(new DateOnly(2027, 1, 1), DanishCalendar.DateOf(new DateTime(2026, 12, 31, 23, 30, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2027, 6, 30, 22, 0, 0, DateTimeKind.Utc), DanishCalendar.StartOfDayUtc(new DateOnly(2027, 7, 1)));
    }

    [Fact]
    public void A_day_length_that_is_not_positive_is_refused()
    {
        var clock = new PolicyClock(Origin, TimeSpan.Zero);

        Assert.Throws<InvalidOperationException>(() => clock.ToReal(Origin.AddDays(1)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_000_000)]
    public void Dates_far_ahead_saturate_at_never_instead_of_overflowing(int dayLengthDays)
    {
        var clock = new PolicyClock(Origin, TimeSpan.FromDays(dayLengthDays));
        var lastDay = clock.StartOf(DateOnly.MaxValue);

        Assert.True(lastDay <= PolicyClock.Never);
        Assert.Equal(PolicyClock.Never, clock.After(lastDay, 30));
        Assert.Equal(PolicyClock.Never, clock.After(Origin, int.MaxValue));
        Assert.Equal(PolicyClock.Never, clock.StartOf(new DateOnly(9999, 12, 31), 36));
        Assert.Equal(PolicyClock.Never, clock.ToReal(DateTime.MaxValue));
        Assert.Equal(DateTimeKind.Utc, clock.After(lastDay, 30).Kind);
    }

    [Fact]
    public void Ordinary_dates_are_not_touched_by_the_saturation()
    {
        var clock = new PolicyClock(Origin, TimeSpan.FromDays(1));

        Assert.Equal(Origin.AddDays(30), clock.After(Origin, 30));
        Assert.Equal(DanishCalendar.StartOfDayUtc(new DateOnly(2030, 2, 28)), clock.StartOf(new DateOnly(2026, 11, 30), 39));
        Assert.Equal(Origin.AddDays(-5), clock.After(Origin, -5));
    }
}
