namespace Mobilitet.Workflows.Registers;

/// <summary>
/// Where two uploads say something about the same person and days, the newer upload wins: a register extract is
/// re-run with corrections, never to add to the earlier one. An upload is newer when it was uploaded later; at the
/// same instant, the one whose id sorts later (ordinal) is newer, so the result never depends on the order of the
/// input. Pure and idempotent: re-importing a file leaves the same rows (its newer copy replaces the older).
/// </summary>
public static class NewerUploadWins
{
    /// <summary>
    /// Drops every amount row that a row of a newer upload for the same person overlaps by at least one day. The
    /// whole older row goes (an amount cannot be split honestly), even where the newer row covers only part of it;
    /// rows of the same upload never remove each other (the parser refuses overlapping periods within a file).
    /// The kept rows stay in input order.
    /// </summary>
    public static IReadOnlyList<AmountRow> Amounts(IEnumerable<AmountRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var all = rows.ToList();
        var byPerson = all.ToLookup(row => row.Person);
        return all
            .Where(row => !byPerson[row.Person].Any(other =>
                other.Source.UploadId != row.Source.UploadId
                && IsNewer(other.UploadedAt, other.Source.UploadId, row.UploadedAt, row.Source.UploadId)
                && other.Overlaps(row)))
            .ToList();
    }

    /// <summary>One week per person and ISO week: the newest upload's; in week order per person.</summary>
    public static IReadOnlyList<SupportWeek> Weeks(IEnumerable<SupportWeek> weeks)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        return weeks
            .GroupBy(week => (week.Person, week.Week))
            .Select(group => group.Aggregate((newest, week) =>
                IsNewer(week.UploadedAt, week.Source.UploadId, newest.UploadedAt, newest.Source.UploadId) ? week : newest))
            .OrderBy(week => week.Person.Value, StringComparer.Ordinal)
            .ThenBy(week => week.Week)
            .ToList();
    }

    /// <summary>Whether upload (<paramref name="at"/>, <paramref name="id"/>) is newer than (<paramref name="otherAt"/>, <paramref name="otherId"/>).</summary>
    public static bool IsNewer(DateTimeOffset at, string id, DateTimeOffset otherAt, string otherId) =>
        at != otherAt ? at > otherAt : string.CompareOrdinal(id, otherId) > 0;
}
