namespace Mobilitet.Workflows.Policies;

/// <summary>
/// Maps policy time to real time for one agreement. Policy time starts at the agreement's creation
/// (<see cref="OriginUtc"/>) and runs <c>1 day / DayLength</c> times faster than real time, so with
/// the default day length (one day) both are the same, and with a compressed day (tests, demos) a
/// 36-month lifecycle plays in seconds without any change to the workflow.
/// Pure and deterministic, so orchestrators may use it. Every instant it computes saturates at
/// <see cref="Never"/> instead of overflowing: a date far ahead makes a timer that never fires, never
/// an exception that fails the agreement's workflow.
/// </summary>
public readonly record struct PolicyClock(DateTime OriginUtc, TimeSpan DayLength)
{
    public static readonly TimeSpan RealDay = TimeSpan.FromDays(1);

    /// <summary>The latest instant the clock hands out ("no deadline in practice"); far from DateTime's own limit, so a timer at it is still valid.</summary>
    public static readonly DateTime Never = new(9000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The real instant at which policy instant <paramref name="policyUtc"/> occurs: rounded up to a whole tick, so that
    /// <see cref="ToPolicy"/> of it is never before <paramref name="policyUtc"/> (with a compressed day, rounding down
    /// made the start of a date read back as the day before).
    /// </summary>
    public DateTime ToReal(DateTime policyUtc) =>
        Scale(policyUtc, numerator: DayLength.Ticks, denominator: RealDay.Ticks, roundUp: true);

    /// <summary>The policy instant that real instant <paramref name="realUtc"/> corresponds to (rounded down to a whole tick).</summary>
    public DateTime ToPolicy(DateTime realUtc) =>
        Scale(realUtc, numerator: RealDay.Ticks, denominator: DayLength.Ticks, roundUp: false);

    /// <summary>The real length of <paramref name="days"/> policy days (at most the span from the origin to <see cref="Never"/>).</summary>
    public TimeSpan Days(int days)
    {
        var ticks = (Int128)DayLength.Ticks * days;
        return TimeSpan.FromTicks((long)Int128.Clamp(ticks, -MaxSpanTicks, MaxSpanTicks));
    }

    /// <summary>The real instant <paramref name="days"/> policy days after real instant <paramref name="realUtc"/>.</summary>
    public DateTime After(DateTime realUtc, int days) => AtTicks((Int128)realUtc.Ticks + Days(days).Ticks);

    /// <summary>The real instant at which the Danish calendar date <paramref name="date"/> begins in policy time.</summary>
    public DateTime StartOf(DateOnly date) => ToReal(DanishCalendar.StartOfDayUtc(date));

    /// <summary>The real instant at which the date <paramref name="months"/> calendar months after <paramref name="date"/> begins in policy time.</summary>
    public DateTime StartOf(DateOnly date, int months) =>
        months >= 0 && date > DateOnly.MaxValue.AddMonths(-months) ? Never : StartOf(date.AddMonths(months));

    /// <summary>The Danish calendar date in policy time at real instant <paramref name="realUtc"/>.</summary>
    public DateOnly DateAt(DateTime realUtc) => DanishCalendar.DateOf(ToPolicy(realUtc));

    private static readonly long MaxSpanTicks = Never.Ticks;

    private DateTime Scale(DateTime instant, long numerator, long denominator, bool roundUp)
    {
        if (DayLength <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("The day length must be positive.");
        }

        // Int128: 36 months of ticks times a day's ticks overflows a long.
        var (offset, remainder) = Int128.DivRem((Int128)(instant.Ticks - OriginUtc.Ticks) * numerator, denominator);
        if (remainder != 0 && (remainder > 0) == roundUp)
        {
            offset += roundUp ? 1 : -1; // DivRem truncates toward zero; make it a ceiling or a floor on both sides of the origin
        }

        return AtTicks(OriginUtc.Ticks + offset);
    }

    private static DateTime AtTicks(Int128 ticks) => new((long)Int128.Clamp(ticks, 0, Never.Ticks), DateTimeKind.Utc);
}
