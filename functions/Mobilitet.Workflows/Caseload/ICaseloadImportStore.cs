namespace Mobilitet.Workflows.Caseload;

/// <summary>
/// Caseload imports and their lines. A line is stored as read from the file (it holds personal data: CPR, names)
/// until it has an outcome; then its values are removed and only the outcome (line, result, agreement id, errors) is
/// kept, so a finished import holds no personal data and a crash mid-import leaves the unfinished lines to finish.
/// </summary>
public interface ICaseloadImportStore
{
    /// <summary>
    /// Stores the import, its lines to do and the outcomes already known (lines refused while reading). The import's
    /// record is written first and marked stored last, so a crash in between leaves a record the repair finds.
    /// </summary>
    Task AddAsync(CaseloadImport import, IReadOnlyList<CaseloadLine> lines, IReadOnlyList<CaseloadRowOutcome> outcomes, CancellationToken cancellationToken);

    /// <summary>The import, once stored (one whose storing did not finish is not found).</summary>
    Task<CaseloadImport?> FindAsync(string importId, CancellationToken cancellationToken);

    /// <summary>
    /// Every import not completed yet (few: each is done within minutes), also those whose storing was interrupted
    /// (<see cref="CaseloadImport.Stored"/> false), for the repair that starts a job that never started or discards them.
    /// </summary>
    Task<IReadOnlyList<CaseloadImport>> ListUnfinishedAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the import and every line it holds (an import whose storing was interrupted); one already gone is fine.</summary>
    Task DiscardAsync(string importId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> lines without an outcome, in line order.</summary>
    Task<IReadOnlyList<CaseloadLine>> PendingAsync(string importId, int max, CancellationToken cancellationToken);

    /// <summary>Records a line's outcome and removes its values.</summary>
    Task CompleteLineAsync(string importId, CaseloadRowOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Records how many lines have an outcome, and whether that is all of them.</summary>
    Task UpdateProgressAsync(string importId, int rowsDone, bool completed, CancellationToken cancellationToken);

    /// <summary>Every line's outcome so far.</summary>
    Task<IReadOnlyList<CaseloadRowOutcome>> OutcomesAsync(string importId, CancellationToken cancellationToken);
}
