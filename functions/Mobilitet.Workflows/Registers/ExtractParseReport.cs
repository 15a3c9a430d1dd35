namespace Mobilitet.Workflows.Registers;

/// <summary>
/// What parsing an extract found. <see cref="RowsRead"/> counts the data lines read (not the header, not blank
/// lines); each line is either in <see cref="AmountRows"/> or <see cref="WeeklyRows"/> (by <see cref="Format"/>) or
/// has one or more <see cref="Errors"/>, never silently dropped. An error in the header (or an empty file) means no
/// line was read.
/// </summary>
public sealed record ExtractParseReport(
    ExtractFormat Format,
    int RowsRead,
    IReadOnlyList<AmountRow> AmountRows,
    IReadOnlyList<WeeklyRow> WeeklyRows,
    IReadOnlyList<ExtractError> Errors)
{
    public bool HasErrors => Errors.Count > 0;

    /// <summary>Lines that were read and kept.</summary>
    public int RowsAccepted => AmountRows.Count + WeeklyRows.Count;
}
