using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Caseload;

/// <summary>
/// One caseload import (a background job, <see cref="CaseloadImportJob"/>): who started it — their opaque id, roles
/// and municipalities, which each row is created as — and how far it has come. No personal data: the file's
/// lines are kept beside it (<see cref="ICaseloadImportStore"/>) only until each is imported.
/// </summary>
/// <param name="ImportId">Opaque (<see cref="CaseloadImportIds"/>); also the job's orchestration instance id.</param>
/// <param name="RowsRead">The file's data lines (blank ones not counted).</param>
/// <param name="RowsDone">How many of them have an outcome so far.</param>
public sealed record CaseloadImport(
    string ImportId,
    string UserId,
    IReadOnlySet<string> Roles,
    IReadOnlySet<string> Municipalities,
    int RowsRead,
    int RowsDone,
    bool Completed,
    DateTimeOffset StartedAt)
{
    /// <summary>
    /// False while the import's lines are being stored (its record is written first): one left so by a crash holds lines
    /// with personal data that no job will take up, and is discarded (<see cref="ICaseloadImportStore.DiscardAsync"/>).
    /// </summary>
    public bool Stored { get; init; } = true;

    /// <summary>The person who started the import, as each row is created by (no name: the job needs none).</summary>
    public CurrentUser User => new(UserId, string.Empty, Roles, Municipalities);
}
