using System.Globalization;

namespace Mobilitet.Workflows.Registers;

/// <summary>
/// An ISO 8601 week: Monday to Sunday, week 1 being the week with the year's first Thursday, so week 53 of
/// some years (2026, 2032) and week 1 of others begin in December. DREAM-style registers count in these weeks.
/// </summary>
public readonly record struct IsoWeek : IComparable<IsoWeek>
{
    public IsoWeek(int year, int week)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        ArgumentOutOfRangeException.ThrowIfLessThan(week, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(week, ISOWeek.GetWeeksInYear(year));
        Year = year;
        Week = week;
    }

    public int Year { get; }

    public int Week { get; }

    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public DateOnly Sunday => Monday.AddDays(6);

    public static bool IsValid(int year, int week) =>
        year is >= 1 and <= 9998 && week >= 1 && week <= ISOWeek.GetWeeksInYear(year);

    public static IsoWeek Of(DateOnly date) =>
        new(ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)));

    /// <summary>The week after this one (week 52 or 53 is followed by week 1 of the next ISO year).</summary>
    public IsoWeek Next() => Of(Monday.AddDays(7));

    public int CompareTo(IsoWeek other) => Monday.CompareTo(other.Monday);

    public static bool operator <(IsoWeek left, IsoWeek right) => left.CompareTo(right) < 0;

    public static bool operator >(IsoWeek left, IsoWeek right) => left.CompareTo(right) > 0;

    public static bool operator <=(IsoWeek left, IsoWeek right) => left.CompareTo(right) <= 0;

    public static bool operator >=(IsoWeek left, IsoWeek right) => left.CompareTo(right) >= 0;

    /// <summary>"2027-W01", as ISO 8601 writes a week.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");
}
