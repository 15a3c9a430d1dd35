using nietras.SeparatedValues;

namespace Mobilitet.Workflows.Registers;

/// <summary>What the amounts and the weekly readers do alike with the data lines after the header.</summary>
internal static class ExtractLines
{
    /// <summary>Calls <paramref name="read"/> for every line that is not blank; returns how many that was.</summary>
    public static int ReadEach(SepReader reader, Action<SepReader.Row> read)
    {
        var rowsRead = 0;
        while (reader.MoveNext())
        {
            var row = reader.Current;
            if (ExtractParser.IsBlank(row))
            {
                continue;
            }

            rowsRead++;
            read(row);
        }

        return rowsRead;
    }

    /// <summary>False, with the line's error added, when the line does not have the header's number of fields.</summary>
    public static bool HasColumns(SepReader.Row row, int expected, List<ExtractError> errors)
    {
        if (row.ColCount == expected)
        {
            return true;
        }

        errors.Add(ExtractMessages.WrongColumnCount(row.LineNumberFrom, row.LineNumberToExcl, row.ColCount, expected));
        return false;
    }

    /// <summary>The person key of the line's CPR field, or null with its error added (never quoting the value).</summary>
    public static PersonKey? ReadPerson(PersonKeys personKeys, ReadOnlySpan<char> text, int line, List<ExtractError> errors)
    {
        if (Cpr.TryParse(text, out var cpr, out var problem))
        {
            return personKeys.KeyOf(cpr);
        }

        errors.Add(new ExtractError(line, ExtractParser.CprColumn, problem == CprProblem.Date ? ExtractMessages.CprDate : ExtractMessages.CprFormat));
        return null;
    }
}
