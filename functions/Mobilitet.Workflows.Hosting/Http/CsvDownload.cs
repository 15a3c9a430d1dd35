using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using nietras.SeparatedValues;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// A CSV file to download as Danish spreadsheet tools read it: UTF-8 with a byte-order mark, ';' between fields,
/// decimal comma, no thousands separators, fields quoted where they need it (written with Sep, the library the
/// register-extract reader uses). Text that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return
/// first) gets a leading apostrophe. Written once for every download (the effect dashboard's first).
/// </summary>
public static class CsvDownload
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The query parameter an API that also answers in CSV reads: "json" (or none) or "csv".</summary>
    public const string FormatParameter = "format";

    /// <summary>Whether the request asks for CSV (<see cref="FormatParameter"/>); anything but json or csv is an error in <paramref name="errors"/>.</summary>
    public static bool AsksForCsv(HttpRequest request, Validation.ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var format = Pages.PageQuery.Value(request, FormatParameter, errors);
        if (format is not null and not ("json" or "csv"))
        {
            errors.Add(FormatParameter, "Formatet skal være json eller csv.");
        }

        return format == "csv";
    }

    /// <summary>The file as an answer: <see cref="ContentType"/>, as an attachment named <paramref name="fileName"/>.</summary>
    public static IResult File(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) =>
        TypedResults.File(Bytes(header, rows), ContentType, fileName);

    /// <summary>The file's bytes: the byte-order mark, the header line, then one line per row (CRLF after each).</summary>
    public static byte[] Bytes(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = Text(header, rows);
        return [.. Utf8WithBom.GetPreamble(), .. Utf8WithBom.GetBytes(text)];
    }

    public static string Text(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        // Lines end in CRLF (RFC 4180) whatever the platform: Sep ends its lines with the text writer's NewLine.
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        using var writer = Sep.New(';').Writer(options => options with { Escape = true, CultureInfo = Danish }).To(text, leaveOpen: true);
        var wroteRow = false;
        foreach (var cells in rows)
        {
            if (cells.Count != header.Count)
            {
                throw new ArgumentException($"A row has {cells.Count} fields, the header {header.Count}.", nameof(rows));
            }

            using var row = writer.NewRow();
            for (var column = 0; column < header.Count; column++)
            {
                row[header[column]].Set(cells[column]);
            }

            wroteRow = true;
        }

        if (!wroteRow)
        {
            // Sep writes the header with the first row; a file without rows still has its header.
            return string.Join(';', header.Select(Field)) + "\r\n";
        }

        writer.Flush();
        return text.ToString();
    }

    /// <summary>A number with a decimal comma and at most <paramref name="decimals"/> decimals, no thousands separator ("-30000", "7,5").</summary>
    public static string Number(decimal value, int decimals = 0) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString(decimals == 0 ? "0" : "0." + new string('#', decimals), Danish);

    /// <summary>Free text as a field: a leading apostrophe where a spreadsheet would take it for a formula.</summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
