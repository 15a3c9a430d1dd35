namespace Mobilitet.Workflows.Digests;

/// <summary>
/// When the daily digest goes out: every weekday from 07:00 Copenhagen time. A run is due from 07:00 until noon, so a
/// run missed at 07:00 (a restart, a failed run) is made up in the morning, never in the afternoon.
/// Computed here rather than by the timer's time zone: WEBSITE_TIME_ZONE is not supported on Linux Consumption or Flex
/// Consumption plans, so the Functions trigger fires in UTC at both 05:00 and 06:00 (07:00 in summer and in winter)
/// and this decides which of them is the digest's.
/// </summary>
public static class DigestSchedule
{
    /// <summary>The Functions timer (UTC, NCRONTAB with seconds): 05:00 and 06:00 UTC on weekdays (UTC weekdays are Copenhagen's at that hour).</summary>
    public const string Cron = "0 0 5,6 * * 1-5";

    public static readonly TimeOnly SendFrom = new(7, 0);

    public static readonly TimeOnly SendUntil = new(12, 0);

    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    /// <summary>The Copenhagen date a run at <paramref name="now"/> sends the digest of; null when no digest is due then.</summary>
    public static DateOnly? DueDay(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Copenhagen);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || time < SendFrom || time >= SendUntil
            ? null
            : DateOnly.FromDateTime(local.DateTime);
    }
}
