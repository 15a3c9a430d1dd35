using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Caseload;

/// <summary>
/// A caseload file as read: <paramref name="Refused"/> when nothing could be read (empty, wrong header);
/// <paramref name="RowsRead"/> counts the data lines that are not blank, whether they could be split or not
/// (<paramref name="Errors"/> has those that could not, by line).
/// </summary>
public sealed record CaseloadFileReport(bool Refused, int RowsRead, IReadOnlyList<CaseloadLine> Lines, IReadOnlyList<ExtractError> Errors);
