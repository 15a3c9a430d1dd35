namespace Mobilitet.Workflows.Policies;

/// <summary>
/// Maps policy time to real time for one agreement. Policy time starts at the agreement's creation
/// (<see cref="OriginUtc"/>) and runs <c>1 day / DayLength</c> times faster than real time, so with
/// the default day length (one day) both are the same, and with a compressed day (tests, demos) a
/// 36-month lifecycle plays in seconds without any change to the workflow.
/// Pure and deterministic, so orchestrators may use it.
/// </summary>
public readonly record struct PolicyClock(DateTime OriginUtc, TimeSpan DayLength)
{
    public static readonly TimeSpan RealDay = TimeSpan.FromDays(1);

    /// <summary>The real instant at which policy instant <paramref name="policyUtc"/> occurs.</summary>
    public DateTime ToReal(DateTime policyUtc) =>
        Scale(policyUtc, numerator: DayLength.Ticks, denominator: RealDay.Ticks);

    /// <summary>The policy instant that real instant <paramref name="realUtc"/> corresponds to.</summary>
    public DateTime ToPolicy(DateTime realUtc) =>
        Scale(realUtc, numerator: RealDay.Ticks, denominator: DayLength.Ticks);

    /// <summary>The real length of <paramref name="days"/> policy days.</summary>
    public TimeSpan Days(int days) => DayLength * days;

    /// <summary>The real instant at which the Danish calendar date <paramref name="date"/> begins in policy time.</summary>
    public DateTime StartOf(DateOnly date) => ToReal(DanishCalendar.StartOfDayUtc(date));

    /// <summary>The Danish calendar date in policy time at real instant <paramref name="realUtc"/>.</summary>
    public DateOnly DateAt(DateTime realUtc) => DanishCalendar.DateOf(ToPolicy(realUtc));

    private DateTime Scale(DateTime instant, long numerator, long denominator)
    {
        if (DayLength <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("The day length must be positive.");
        }

        // Int128: 36 months of ticks times a day's ticks overflows a long.
        var offset = (Int128)(instant.Ticks - OriginUtc.Ticks) * numerator / denominator;
        return new DateTime(OriginUtc.Ticks + (long)offset, DateTimeKind.Utc);
    }
}
