using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Registers;

/// <summary>
/// The dates an indicator measures: from <see cref="Start"/> up to, not including, <see cref="End"/> (half-open, so
/// consecutive windows neither overlap nor leave a gap), <see cref="Months"/> calendar months long.
/// Every boundary is the move date (or creation date) plus whole months by <see cref="DateOnly.AddMonths"/>, which
/// keeps the day of the month and falls back to the month's last day where it has none: a move on 31 January has
/// its M3 window from 31 January to 30 April (the last day measured is 29 April), a move on 29 February 2028 runs
/// M12 to 28 February 2029. Each boundary is counted from the move date itself, never from the previous boundary,
/// so the window's end is the day the milestone falls due (PolicyClock.StartOf(movedOn, months)).
/// </summary>
public sealed record IndicatorWindow(DateOnly Start, DateOnly End, int Months)
{
    /// <summary>The window <paramref name="milestone"/> measures after a move on <paramref name="movedOn"/> (M3: months 0–3, M12: 3–12, M36: 24–36).</summary>
    /// <param name="extensionMonths">For an extra measurement (<see cref="Extension"/>): the window moved on by these months.</param>
    public static IndicatorWindow For(Milestone milestone, DateOnly movedOn, int extensionMonths = 0)
    {
        var (fromMonth, toMonth) = milestone.Window();
        return new IndicatorWindow(movedOn.AddMonths(fromMonth + extensionMonths), movedOn.AddMonths(toMonth + extensionMonths), toMonth - fromMonth);
    }

    /// <summary>The baseline: the 12 months before the agreement was created (the creation day itself is not in it).</summary>
    public static IndicatorWindow Baseline(DateOnly createdOn) => new(createdOn.AddMonths(-12), createdOn, 12);

    public int Days => End.DayNumber - Start.DayNumber;

    /// <summary>Days of the period <paramref name="first"/>–<paramref name="last"/> (both included) inside the window.</summary>
    public int OverlapDays(DateOnly first, DateOnly last) =>
        Math.Max(0, Math.Min(last.DayNumber + 1, End.DayNumber) - Math.Max(first.DayNumber, Start.DayNumber));

    /// <summary>
    /// The ISO weeks the window measures: every week whose Monday–Sunday has at least one day in the window, so a week
    /// that straddles the boundary between two windows counts in both.
    /// </summary>
    public IReadOnlyList<IsoWeek> Weeks()
    {
        var weeks = new List<IsoWeek>();
        for (var week = IsoWeek.Of(Start); week.Monday < End; week = week.Next())
        {
            weeks.Add(week);
        }

        return weeks;
    }
}
