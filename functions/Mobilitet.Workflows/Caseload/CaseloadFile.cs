using System.Text;
using Mobilitet.Workflows.Registers;
using nietras.SeparatedValues;

namespace Mobilitet.Workflows.Caseload;

/// <summary>
/// Reads a caseload file (existing agreements to import, one per line) with the conventions of the register extracts
/// (<see cref="ExtractParser"/>): UTF-8 with or without a byte-order mark, ';' between fields, the header on line 1
/// (<see cref="Header"/>, exactly), line numbers counting the header as line 1, blank lines skipped. This reader only
/// splits lines into their columns and refuses lines of the wrong shape; what a value means is read by the caller and
/// checked by the agreement form's own validation. Messages never quote a value from the file.
/// </summary>
public static class CaseloadFile
{
    public const string ReferenceColumn = "caseloadReference";

    public const string SupervisorsColumn = "supervisors";

    /// <summary>The columns, in order: the reference, then the creation form's fields by their API names.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        ReferenceColumn, "municipalityCode", "housingAssociation", "direction", "fromArea", "toArea",
        "resident.cpr", "resident.name", "resident.email", "resident.phone",
        "caseworker.name", "caseworker.email", SupervisorsColumn,
        "baseline.selfSufficiencyRate", "baseline.resourceDrawDkk", "baseline.taxPaidDkk",
        "financing.requestedDkk", "financing.purpose", "plannedMoveDate",
    ];

    internal static readonly IReadOnlyDictionary<string, int> ColumnIndex =
        Columns.Select((name, index) => KeyValuePair.Create(name, index)).ToDictionary(StringComparer.Ordinal);

    /// <summary>The header line, exactly.</summary>
    public static string Header { get; } = string.Join(';', Columns);

    /// <summary>Longer lines are refused: no field of the form is near this long.</summary>
    public const int MaxLineLength = 8000;

    public const string EmptyFile = "Filen er tom.";

    public static string UnknownHeader { get; } =
        "Filens første linje skal være overskriften, med semikolon mellem felterne: \"" + Header + "\".";

    public static string LineTooLong { get; } = $"Linjen er for lang (højst {MaxLineLength} tegn).";

    public const string NumberFormat = "Skriv tallet med decimalkomma og uden tusindtalsseparator, fx 12345,50 eller 0,25.";

    public static string ReferenceAlreadyOnLine(int line) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Referencen står allerede på linje {line}.");

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static CaseloadFileReport Read(ReadOnlyMemory<byte> content)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        using var text = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: true);
        using var reader = Sep.New(';')
            .Reader(options => options with { HasHeader = false, DisableColCountCheck = true, Unescape = true })
            .From(text);

        if (!reader.MoveNext())
        {
            return new CaseloadFileReport(true, 0, [], [new ExtractError(1, null, EmptyFile)]);
        }

        var header = new string[reader.Current.ColCount];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = reader.Current[i].ToString().Trim();
        }

        if (!header.SequenceEqual(Columns, StringComparer.Ordinal))
        {
            var empty = ExtractParser.IsBlank(reader.Current) && !HasMoreLines(reader);
            return new CaseloadFileReport(true, 0, [], [new ExtractError(1, null, empty ? EmptyFile : UnknownHeader)]);
        }

        var lines = new List<CaseloadLine>();
        var errors = new List<ExtractError>();
        var rowsRead = ExtractLines.ReadEach(reader, row =>
        {
            if (!ExtractLines.HasColumns(row, Columns.Count, errors))
            {
                return;
            }

            if (row.Span.Length > MaxLineLength)
            {
                errors.Add(new ExtractError(row.LineNumberFrom, null, LineTooLong));
                return;
            }

            var values = new string[Columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = row[i].ToString();
            }

            lines.Add(new CaseloadLine(row.LineNumberFrom, values));
        });
        return new CaseloadFileReport(rowsRead == 0, rowsRead, lines, rowsRead == 0 ? [new ExtractError(1, null, EmptyFile)] : errors);
    }

    /// <summary>
    /// A number as the register extracts write it ("12345,50", "0,25": decimal comma, no thousands separator). Empty:
    /// true with null (the form's validation says whether the field is required); false when it is not a number.
    /// A negative number is read as such (the form's validation refuses it with its own message).
    /// </summary>
    public static bool TryReadNumber(string? text, out decimal? value)
    {
        value = null;
        var trimmed = (text ?? string.Empty).AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return true;
        }

        switch (RegisterNumbers.TryParse(trimmed, out var number))
        {
            case RegisterNumbers.Result.Ok:
                value = number;
                return true;
            case RegisterNumbers.Result.Negative:
                value = -number;
                return true;
            default:
                return false;
        }
    }

    private static bool HasMoreLines(SepReader reader)
    {
        while (reader.MoveNext())
        {
            if (!ExtractParser.IsBlank(reader.Current))
            {
                return true;
            }
        }

        return false;
    }
}
