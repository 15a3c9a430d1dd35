using Azure.Data.Tables;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// What readers do with an index row that its source of truth does not confirm (left by a crash, or a
/// write that lost a race): skip it, and delete it once it is old enough that no write in progress can
/// still be about to confirm it — and only as it was read (If-Match), so a row rewritten since stays.
/// </summary>
internal static class StaleRows
{
    /// <summary>Rows younger than this may be a write in progress: skipped, not deleted.</summary>
    public static readonly TimeSpan MinimumAgeToDelete = TimeSpan.FromMinutes(5);

    /// <returns>True if the row was old enough to be deleted.</returns>
    public static async Task<bool> DeleteIfOldAsync(TableClient table, TableEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row.Timestamp is not { } written || now - written < MinimumAgeToDelete)
        {
            return false;
        }

        await table.DeleteIfUnchangedAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
