namespace Mobilitet.Workflows.Caseload;

/// <summary>One data line of a caseload file: its number (the header is line 1) and its values in <see cref="CaseloadFile.Columns"/> order.</summary>
public sealed record CaseloadLine(int Line, IReadOnlyList<string> Values)
{
    /// <summary>The value of <paramref name="column"/> (one of <see cref="CaseloadFile.Columns"/>), trimmed; null when empty.</summary>
    public string? Value(string column)
    {
        if (!CaseloadFile.ColumnIndex.TryGetValue(column, out var index))
        {
            throw new ArgumentException($"'{column}' is not a caseload column.", nameof(column));
        }

        var value = Values[index].Trim();
        return value.Length == 0 ? null : value;
    }
}
