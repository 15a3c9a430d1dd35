using Azure;
using Azure.Data.Tables;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>Small operations every table adapter needs: reads that may miss, deletes that may find nothing.</summary>
internal static class TableOperations
{
    public const int NotFound = 404;
    public const int Conflict = 409;
    public const int PreconditionFailed = 412;

    public static async Task<TableEntity?> FindAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The column in which <see cref="TryClaimAsync"/> and <see cref="TryReplaceAsReadAsync"/> mark the row they write as their caller's.</summary>
    public const string ClaimToken = "ClaimToken";

    /// <summary>
    /// Inserts <paramref name="row"/> as a claim: the caller's if no row stands under its key (the first claim wins). The
    /// row gets a random <see cref="ClaimToken"/>: the SDK sends an insert again when its answer was lost (a timeout under
    /// load) after storage had taken it, and that retry meets the caller's own row (409). The token tells it from another
    /// caller's; taken for another's, a claim would block every caller, its maker included.
    /// </summary>
    public static async Task<Claim> TryClaimAsync(this TableClient table, TableEntity row, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        row[ClaimToken] = token;
        try
        {
            var added = await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return new Claim(true, added.Headers.ETag ?? default, null);
        }
        catch (RequestFailedException e) when (e.Status == Conflict)
        {
            var standing = await table.FindAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
            return standing is not null && standing.GetString(ClaimToken) == token ? new Claim(true, standing.ETag, null) : new Claim(false, default, standing);
        }
    }

    /// <summary>
    /// Replaces <paramref name="row"/> only if it is still the version read (its ETag) and says whether the caller's write
    /// stands: false when another writer changed the row first. The row gets a random <see cref="ClaimToken"/>: when the
    /// answer is lost and the SDK sends the replace again, the retry meets the caller's own write (412), which the token
    /// tells from another's. A row removed meanwhile throws (404), as the replace itself does.
    /// </summary>
    public static async Task<bool> TryReplaceAsReadAsync(this TableClient table, TableEntity row, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        row[ClaimToken] = token;
        try
        {
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == PreconditionFailed)
        {
            var standing = await table.FindAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
            return standing is not null && standing.GetString(ClaimToken) == token;
        }
    }

    /// <summary>What <see cref="TryClaimAsync"/> found.</summary>
    /// <param name="Won">Whether the claim is the caller's.</param>
    /// <param name="ETag">The caller's claim row's version (when won).</param>
    /// <param name="Standing">The other caller's row, as read (when lost; null if it was gone by then).</param>
    public readonly record struct Claim(bool Won, ETag ETag, TableEntity? Standing);

    /// <summary>Deletes a row whatever its version; a row that is already gone is fine.</summary>
    public static async Task DeleteIfExistsAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == NotFound)
        {
            // Already deleted: deleting is idempotent.
        }
    }

    /// <summary>Deletes a row only if it is still the version read (ETag); a row gone or rewritten since is left alone.</summary>
    /// <returns>Whether this call deleted it.</returns>
    public static async Task<bool> DeleteIfUnchangedAsync(this TableClient table, string partitionKey, string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.DeleteEntityAsync(partitionKey, rowKey, etag, cancellationToken).ConfigureAwait(false);
            return response.Status != NotFound; // the SDK may answer a missing row without throwing
        }
        catch (RequestFailedException e) when (e.Status is NotFound or PreconditionFailed)
        {
            return false; // gone already, or rewritten by a writer who needs it
        }
    }

    /// <summary>Every row the filter matches (only the <paramref name="select"/>ed columns, if given).</summary>
    public static async Task<List<TableEntity>> ListAsync(this TableClient table, string filter, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        List<TableEntity> rows = [];
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    public static Task<List<TableEntity>> ListPartitionAsync(this TableClient table, string partitionKey, CancellationToken cancellationToken, IEnumerable<string>? select = null) =>
        table.ListAsync(InPartition(partitionKey), cancellationToken, select);

    /// <summary>Deletes every row the filter matches, one by one (for the few rows of a partition or an agreement).</summary>
    public static async Task DeleteMatchingAsync(this TableClient table, string filter, CancellationToken cancellationToken)
    {
        foreach (var row in await table.ListAsync(filter, cancellationToken, select: ["PartitionKey", "RowKey"]).ConfigureAwait(false))
        {
            await table.DeleteIfExistsAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes every row of a partition (one by one: partitions here hold a handful of rows).</summary>
    public static Task DeletePartitionAsync(this TableClient table, string partitionKey, CancellationToken cancellationToken) =>
        table.DeleteMatchingAsync(InPartition(partitionKey), cancellationToken);

    private static string InPartition(string partitionKey) => TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
}
