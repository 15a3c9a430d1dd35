using CsCheck;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Tests.Registers;

public sealed class IndicatorWindowTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    public static TheoryData<DateOnly, Milestone, DateOnly, DateOnly, int> MonthEnds => new()
    {
        // A move on 31 January: months without a 31st end the window on their last day.
        { D(2027, 1, 31), Milestone.M3, D(2027, 1, 31), D(2027, 4, 30), 89 },
        { D(2027, 1, 31), Milestone.M12, D(2027, 4, 30), D(2028, 1, 31), 276 },
        { D(2027, 1, 31), Milestone.M36, D(2029, 1, 31), D(2030, 1, 31), 365 },
        // A move on a leap day: later years have no 29 February.
        { D(2028, 2, 29), Milestone.M3, D(2028, 2, 29), D(2028, 5, 29), 90 },
        { D(2028, 2, 29), Milestone.M12, D(2028, 5, 29), D(2029, 2, 28), 275 },
        { D(2028, 2, 29), Milestone.M36, D(2030, 2, 28), D(2031, 2, 28), 365 },
        // 31 August: November has 30 days, August 31 again.
        { D(2027, 8, 31), Milestone.M3, D(2027, 8, 31), D(2027, 11, 30), 91 },
        { D(2027, 8, 31), Milestone.M12, D(2027, 11, 30), D(2028, 8, 31), 275 },
        { D(2027, 8, 31), Milestone.M36, D(2029, 8, 31), D(2030, 8, 31), 365 },
        // Leap years inside a window count their extra day.
        { D(2027, 12, 1), Milestone.M3, D(2027, 12, 1), D(2028, 3, 1), 91 },
        { D(2026, 3, 1), Milestone.M36, D(2028, 3, 1), D(2029, 3, 1), 365 },
        { D(2026, 2, 28), Milestone.M36, D(2028, 2, 28), D(2029, 2, 28), 366 },
    };

    [Theory]
    [MemberData(nameof(MonthEnds))]
    public void Windows_are_whole_months_from_the_move_with_the_month_end_rule(DateOnly movedOn, Milestone milestone, DateOnly start, DateOnly end, int days)
    {
        var window = IndicatorWindow.For(milestone, movedOn);

        Assert.Equal(start, window.Start);
        Assert.Equal(end, window.End);
        Assert.Equal(days, window.Days);
        Assert.Equal(milestone.Window().ToMonth - milestone.Window().FromMonth, window.Months);
    }

    [Fact]
    public void The_baseline_is_the_twelve_months_before_creation()
    {
        Assert.Equal(new IndicatorWindow(D(2027, 2, 28), D(2028, 2, 29), 12), IndicatorWindow.Baseline(D(2028, 2, 29)));
        Assert.Equal(366, IndicatorWindow.Baseline(D(2028, 2, 29)).Days);
        Assert.Equal(new IndicatorWindow(D(2026, 3, 31), D(2027, 3, 31), 12), IndicatorWindow.Baseline(D(2027, 3, 31)));
    }

    [Fact]
    public void For_any_move_m3_and_m12_meet_and_each_window_ends_the_day_its_milestone_falls_due()
    {
        var clock = new PolicyClock(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), PolicyClock.RealDay);
        Gen.Int[new DateOnly(2026, 1, 1).DayNumber, new DateOnly(2040, 12, 31).DayNumber].Sample(dayNumber =>
        {
            var movedOn = DateOnly.FromDayNumber(dayNumber);
            var m3 = IndicatorWindow.For(Milestone.M3, movedOn);
            var m12 = IndicatorWindow.For(Milestone.M12, movedOn);
            var m36 = IndicatorWindow.For(Milestone.M36, movedOn);

            Assert.Equal(movedOn, m3.Start);
            Assert.Equal(m3.End, m12.Start);
            Assert.InRange(m3.Days, 89, 92);
            Assert.InRange(m36.Days, 365, 366);
            foreach (var (milestone, window) in new[] { (Milestone.M3, m3), (Milestone.M12, m12), (Milestone.M36, m36) })
            {
                Assert.Equal(window.End, DanishCalendar.DateOf(clock.StartOf(movedOn, milestone.MonthsAfterMove())));
            }
        });
    }

    [Fact]
    public void Overlap_counts_the_days_of_an_inclusive_period_inside_the_half_open_window()
    {
        var window = new IndicatorWindow(D(2027, 1, 16), D(2027, 4, 16), 3);

        Assert.Equal(16, window.OverlapDays(D(2027, 1, 1), D(2027, 1, 31)));
        Assert.Equal(15, window.OverlapDays(D(2027, 4, 1), D(2027, 4, 30)));
        Assert.Equal(1, window.OverlapDays(D(2027, 4, 15), D(2027, 4, 15)));
        Assert.Equal(0, window.OverlapDays(D(2027, 4, 16), D(2027, 4, 30))); // the end is not in the window
        Assert.Equal(0, window.OverlapDays(D(2026, 12, 1), D(2027, 1, 15)));
        Assert.Equal(90, window.OverlapDays(D(2026, 1, 1), D(2028, 1, 1)));
    }

    [Fact]
    public void A_window_counts_every_iso_week_with_a_day_in_it_across_week_53_and_the_year_end()
    {
        var window = new IndicatorWindow(D(2026, 12, 1), D(2027, 1, 12), 1);

        Assert.Equal(
            ["2026-W49", "2026-W50", "2026-W51", "2026-W52", "2026-W53", "2027-W01", "2027-W02"],
            window.Weeks().Select(week => week.ToString()));
        Assert.Equal(D(2026, 11, 30), window.Weeks()[0].Monday); // starts before the window: still counts

        var endingOnAMonday = new IndicatorWindow(D(2026, 12, 1), D(2027, 1, 11), 1);
        Assert.Equal(new IsoWeek(2027, 1), endingOnAMonday.Weeks()[^1]); // 11 January is not in the window
    }

    [Fact]
    public void Iso_weeks_follow_the_first_thursday_rule()
    {
        Assert.Equal(new IsoWeek(2026, 53), IsoWeek.Of(D(2027, 1, 3)));
        Assert.Equal(new IsoWeek(2027, 1), IsoWeek.Of(D(2027, 1, 4)));
        Assert.Equal(new IsoWeek(2027, 1), new IsoWeek(2026, 53).Next());
        Assert.Equal(new IsoWeek(2028, 1), new IsoWeek(2027, 52).Next());
        Assert.Equal(new IsoWeek(2026, 1), IsoWeek.Of(D(2025, 12, 29)));
        Assert.True(IsoWeek.IsValid(2032, 53));
        Assert.False(IsoWeek.IsValid(2027, 53));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoWeek(2027, 53));
    }
}
