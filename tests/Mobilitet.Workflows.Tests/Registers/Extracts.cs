using System.Text;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Tests.Registers;

/// <summary>Builders for register tests: a fixed person-key secret, uploads, extract files and rows.</summary>
internal static class Extracts
{
    /// <summary>Made-up CPR numbers with valid dates (none needs to pass modulus 11).</summary>
    public const string Anna = "0102901234";
    public const string Bo = "1503851111";
    public const string Carl = "3112994321";

    public static readonly PersonKeys Keys = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static readonly ExtractUpload Upload = new("upload-1", new DateTimeOffset(2027, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public static PersonKey KeyOf(string cpr) => Keys.KeyOf(cpr);

    /// <summary>Parses <paramref name="lines"/> joined by "\n" (UTF-8, with a byte-order mark when asked).</summary>
    public static ExtractParseReport Parse(bool byteOrderMark, params string[] lines) =>
        Parse(Bytes(byteOrderMark, "\n", lines));

    public static ExtractParseReport Parse(params string[] lines) => Parse(byteOrderMark: false, lines);

    public static ExtractParseReport Parse(byte[] content)
    {
        using var stream = new MemoryStream(content);
        return ExtractParser.Parse(stream, Upload, Keys);
    }

    public static byte[] Bytes(bool byteOrderMark, string newline, params string[] lines)
    {
        var text = Encoding.UTF8.GetBytes(string.Join(newline, lines));
        return byteOrderMark ? [.. Encoding.UTF8.Preamble, .. text] : text;
    }

    public static string AmountLine(
        string cpr = Anna,
        string start = "2027-01-01",
        string end = "2027-01-31",
        string weeksOnSupport = "0",
        string weeksInPeriod = "4,43",
        string transfers = "0",
        string serviceCosts = "0",
        string taxPaid = "10000") =>
        string.Join(';', cpr, start, end, weeksOnSupport, weeksInPeriod, transfers, serviceCosts, taxPaid);

    public static AmountRow Amount(
        DateOnly start,
        DateOnly end,
        decimal transfers = 0m,
        decimal serviceCosts = 0m,
        decimal taxPaid = 0m,
        decimal weeksOnSupport = 0m,
        decimal weeksInPeriod = 4m,
        string person = Anna,
        string uploadId = "upload-1",
        int line = 2,
        DateTimeOffset? uploadedAt = null) =>
        new(KeyOf(person), new RowRef(uploadId, line), uploadedAt ?? Upload.UploadedAt, start, end,
            weeksOnSupport, weeksInPeriod, transfers, serviceCosts, taxPaid);

    /// <summary>A row per calendar month from <paramref name="first"/> for <paramref name="months"/> months, each with the same amounts.</summary>
    public static IReadOnlyList<AmountRow> Monthly(DateOnly first, int months, decimal transfers = 0m, decimal taxPaid = 0m, string uploadId = "upload-1") =>
        Enumerable.Range(0, months)
            .Select(i => Amount(first.AddMonths(i), first.AddMonths(i + 1).AddDays(-1), transfers: transfers, taxPaid: taxPaid, uploadId: uploadId, line: i + 2))
            .ToList();

    public static SupportWeek Week(int year, int week, bool onSupport, string person = Anna, string uploadId = "weeks-1", int line = 2, DateTimeOffset? uploadedAt = null) =>
        new(KeyOf(person), new IsoWeek(year, week), onSupport, new RowRef(uploadId, line), uploadedAt ?? Upload.UploadedAt);

    /// <summary>Consecutive weeks from <paramref name="first"/>; the first <paramref name="onSupport"/> of them on support.</summary>
    public static IReadOnlyList<SupportWeek> Weeks(IsoWeek first, int count, int onSupport, string uploadId = "weeks-1")
    {
        var weeks = new List<SupportWeek>();
        var week = first;
        for (var i = 0; i < count; i++, week = week.Next())
        {
            weeks.Add(Week(week.Year, week.Week, i < onSupport, uploadId: uploadId));
        }

        return weeks;
    }
}
