using System.Text;
using nietras.SeparatedValues;

namespace Mobilitet.Workflows.Registers;

/// <summary>
/// Reads a register extract: UTF-8 with or without a byte-order mark, ';' between fields, the format told by the
/// header (line 1). Every data line is either read or reported with its line, field and a Danish message; a bad
/// line never stops the good ones around it. CPR numbers are turned into <see cref="PersonKey"/>s as each line is
/// read, so nothing this returns holds one; blank lines are skipped.
/// </summary>
public static class ExtractParser
{
    /// <summary>The header of the eIndkomst-style amounts format, exactly.</summary>
    public const string AmountsHeader = "cpr;periodStart;periodEnd;weeksOnSupport;weeksInPeriod;transfersDkk;serviceCostsDkk;taxPaidDkk";

    internal const string CprColumn = "cpr";

    internal const string WeekColumnPrefix = "y_";

    private static readonly string[] AmountsColumns = AmountsHeader.Split(';');

    /// <summary>Invalid bytes become U+FFFD, which no field accepts: a badly encoded line is reported, not thrown.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Parses <paramref name="content"/> (left open) from <paramref name="upload"/>.</summary>
    public static ExtractParseReport Parse(Stream content, ExtractUpload upload, PersonKeys personKeys)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(personKeys);

        using var text = new StreamReader(content, Utf8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var reader = Sep.New(';')
            .Reader(options => options with { HasHeader = false, DisableColCountCheck = true, Unescape = true })
            .From(text);

        if (!reader.MoveNext() || (IsBlank(reader.Current) && OnlyBlankLinesFollow(reader)))
        {
            return Rejected(ExtractFormat.Unknown, new ExtractError(1, null, ExtractMessages.EmptyFile));
        }

        var header = IsBlank(reader.Current) ? [] : ReadHeader(reader.Current);
        if (header.SequenceEqual(AmountsColumns, StringComparer.Ordinal))
        {
            return new AmountRowReader(upload, personKeys).ReadAll(reader);
        }

        if (header.Length >= 2 && header[0] == CprColumn
            && header.Skip(1).Any(name => name.StartsWith(WeekColumnPrefix, StringComparison.Ordinal)))
        {
            var (weekColumns, headerErrors) = WeeklyRowReader.ReadWeekColumns(header);
            return headerErrors.Count > 0
                ? new ExtractParseReport(ExtractFormat.Weekly, 0, [], [], headerErrors)
                : new WeeklyRowReader(upload, personKeys, header.Length, weekColumns).ReadAll(reader);
        }

        return Rejected(ExtractFormat.Unknown, new ExtractError(1, null, ExtractMessages.UnknownHeader));
    }

    internal static bool IsBlank(SepReader.Row row) => row.Span.IsWhiteSpace();

    private static ExtractParseReport Rejected(ExtractFormat format, ExtractError error) => new(format, 0, [], [], [error]);

    /// <summary>Reads on past a blank first line: with nothing but blank lines after it, the file is empty (else its header is unknown).</summary>
    private static bool OnlyBlankLinesFollow(SepReader reader)
    {
        while (reader.MoveNext())
        {
            if (!IsBlank(reader.Current))
            {
                return false;
            }
        }

        return true;
    }

    private static string[] ReadHeader(SepReader.Row row)
    {
        var names = new string[row.ColCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = row[i].ToString();
        }

        return names;
    }
}
