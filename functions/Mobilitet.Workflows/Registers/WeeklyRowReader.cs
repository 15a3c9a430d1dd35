using System.Globalization;
using nietras.SeparatedValues;

namespace Mobilitet.Workflows.Registers;

/// <summary>
/// The lines of a DREAM-style weekly extract: "cpr" and one column per ISO week, named y_YYWW (y_2701 = week 1 of
/// 2027; years 2000–2099). A cell holds that week's benefit code, blank when none was paid.
/// </summary>
internal sealed class WeeklyRowReader(ExtractUpload upload, PersonKeys personKeys, int columnCount, IReadOnlyList<(int Column, string Name, IsoWeek Week)> weekColumns)
{
    private const int MaxCodeLength = 8;

    private readonly List<WeeklyRow> rows = [];
    private readonly List<ExtractError> errors = [];
    private readonly Dictionary<PersonKey, int> lineOfPerson = [];

    /// <summary>
    /// The week columns of a header whose first column is "cpr", sorted by week; a column that is not a valid
    /// week, or a week named twice, is an error on line 1.
    /// </summary>
    public static (IReadOnlyList<(int Column, string Name, IsoWeek Week)> Columns, IReadOnlyList<ExtractError> Errors) ReadWeekColumns(IReadOnlyList<string> header)
    {
        var columns = new List<(int Column, string Name, IsoWeek Week)>();
        var errors = new List<ExtractError>();
        var seen = new HashSet<IsoWeek>();
        for (var column = 1; column < header.Count; column++)
        {
            var name = header[column];
            if (!TryParseWeekColumn(name, out var week))
            {
                errors.Add(new ExtractError(1, ShownColumnName(name, column), ExtractMessages.WeekColumnName));
            }
            else if (!seen.Add(week))
            {
                errors.Add(new ExtractError(1, name, ExtractMessages.DuplicateWeekColumn));
            }
            else
            {
                columns.Add((column, name, week));
            }
        }

        columns.Sort((a, b) => a.Week.CompareTo(b.Week));
        return (columns, errors);
    }

    public ExtractParseReport ReadAll(SepReader reader) =>
        new(ExtractFormat.Weekly, ExtractLines.ReadEach(reader, Read), [], rows, errors);

    private void Read(SepReader.Row row)
    {
        var line = row.LineNumberFrom;
        if (!ExtractLines.HasColumns(row, columnCount, errors))
        {
            return;
        }

        var errorsBefore = errors.Count;
        var person = ExtractLines.ReadPerson(personKeys, row[0].Span.Trim(), line, errors);

        var weeks = new WeekCode[weekColumns.Count];
        for (var i = 0; i < weekColumns.Count; i++)
        {
            var (column, name, week) = weekColumns[i];
            var cell = row[column].Span.Trim();
            if (cell.IsEmpty)
            {
                weeks[i] = new WeekCode(week, null);
            }
            else if (cell.Length <= MaxCodeLength && !cell.ContainsAnyExcept(CodeCharacters))
            {
                weeks[i] = new WeekCode(week, cell.ToString().ToUpperInvariant());
            }
            else
            {
                errors.Add(new ExtractError(line, name, ExtractMessages.BenefitCode));
            }
        }

        if (errors.Count > errorsBefore)
        {
            return;
        }

        if (lineOfPerson.TryGetValue(person!.Value, out var earlierLine))
        {
            errors.Add(new ExtractError(line, ExtractParser.CprColumn, ExtractMessages.PersonAlreadyOnLine(earlierLine)));
            return;
        }

        lineOfPerson[person.Value] = line;
        rows.Add(new WeeklyRow(person.Value, new RowRef(upload.Id, line), upload.UploadedAt, weeks));
    }

    private static readonly System.Buffers.SearchValues<char> CodeCharacters =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÆØÅæøå");

    /// <summary>
    /// A bad column's name as an error shows it: the name itself, unless it is long or has more than six digits
    /// (a data line used as a header could put a CPR number there); then its position ("kolonne 3").
    /// </summary>
    private static string ShownColumnName(string name, int column) =>
        name.Count(char.IsAsciiDigit) <= 6 && name.Length <= 20
            ? name
            : string.Create(CultureInfo.InvariantCulture, $"kolonne {column + 1}");

    private static bool TryParseWeekColumn(string name, out IsoWeek week)
    {
        week = default;
        if (name.Length != 6 || !name.StartsWith(ExtractParser.WeekColumnPrefix, StringComparison.Ordinal)
            || name.AsSpan(2).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var year = 2000 + int.Parse(name.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        var number = int.Parse(name.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        if (!IsoWeek.IsValid(year, number))
        {
            return false;
        }

        week = new IsoWeek(year, number);
        return true;
    }
}
