using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Caseload;

/// <summary>A line and the agreement it created (or had created).</summary>
public sealed record CaseloadCreatedRow(int Line, string AgreementId);

/// <summary>
/// The report of a caseload import: every data line is counted once, as created, already created (by an earlier
/// import of the same reference) or rejected with its errors (line, field, Danish message).
/// </summary>
public sealed record CaseloadImportReport(
    string ImportId,
    bool Completed,
    int RowsRead,
    int RowsDone,
    int RowsCreated,
    int RowsAlreadyCreated,
    int RowsRejected,
    IReadOnlyList<ExtractError> Errors,
    IReadOnlyList<CaseloadCreatedRow> Created,
    IReadOnlyList<CaseloadCreatedRow> AlreadyCreated)
{
    /// <summary>Nothing in the file could be read (empty, wrong header): nothing was stored.</summary>
    public static CaseloadImportReport Refused(int rowsRead, IReadOnlyList<ExtractError> errors) =>
        new(string.Empty, true, rowsRead, rowsRead, 0, 0, rowsRead, errors, [], []);

    public static CaseloadImportReport From(CaseloadImport import, IReadOnlyList<CaseloadRowOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(outcomes);
        var ordered = outcomes.OrderBy(outcome => outcome.Line).ToList();
        List<CaseloadCreatedRow> Of(CaseloadRowResult result) =>
            ordered.Where(outcome => outcome.Result == result).Select(outcome => new CaseloadCreatedRow(outcome.Line, outcome.AgreementId!)).ToList();
        var created = Of(CaseloadRowResult.Created);
        var already = Of(CaseloadRowResult.AlreadyCreated);
        var rejected = ordered.Where(outcome => outcome.Result == CaseloadRowResult.Rejected).ToList();
        return new CaseloadImportReport(
            import.ImportId,
            import.Completed,
            import.RowsRead,
            import.Completed ? import.RowsRead : Math.Min(import.RowsDone, import.RowsRead),
            created.Count,
            already.Count,
            rejected.Count,
            rejected.SelectMany(outcome => outcome.Errors).ToList(),
            created,
            already);
    }
}
