using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Hosting.Queries;

/// <summary>
/// One Danish calendar day of the audit log, newest first, for the page, the API and the CSV alike. The log is kept by UTC
/// day, so a Danish day is read from the two UTC days it overlaps.
/// </summary>
public sealed class AuditQuery(IAuditLog audit)
{
    public async Task<IReadOnlyList<AuditEntry>> ReadDayAsync(DateOnly day, CancellationToken cancellationToken) =>
        (await Task.WhenAll(audit.ListAsync(day.AddDays(-1), cancellationToken), audit.ListAsync(day, cancellationToken)))
            .SelectMany(list => list)
            .Where(entry => DanishCalendar.DateOf(entry.At.UtcDateTime) == day)
            .OrderByDescending(entry => entry.At)
            .ToList();

    /// <summary>The CSV's columns (Danish headers; the action both as its code and in Danish).</summary>
    public static IReadOnlyList<string> CsvHeader { get; } = ["Tidspunkt (UTC)", "Bruger-id", "Roller", "Handling", "Handling (kode)", "Flytteaftale", "Detaljer"];

    public static IEnumerable<IReadOnlyList<string>> CsvRows(IEnumerable<AuditEntry> entries) =>
        entries.Select(entry => (IReadOnlyList<string>)
        [
            entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            entry.UserId,
            string.Join(' ', entry.Roles),
            Web.Shared.AuditActionName.Text(entry.Action),
            entry.Action.ToString(),
            entry.AgreementId,
            entry.Detail ?? string.Empty,
        ]);
}
