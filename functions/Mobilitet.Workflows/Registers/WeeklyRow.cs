namespace Mobilitet.Workflows.Registers;

/// <summary>
/// One person's line of a DREAM-style extract: a code (or none) for every week column of the file, in the header's
/// order. A blank cell is data too (no benefit that week); a week that is not a column is no data.
/// <see cref="SupportCodeTable.Classify"/> turns the codes into weeks on or off public support.
/// </summary>
public sealed record WeeklyRow(PersonKey Person, RowRef Source, DateTimeOffset UploadedAt, IReadOnlyList<WeekCode> Weeks);
