using Azure.Data.Tables;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Reads several partitions of one table as one sequence in RowKey order, each partition as a key range
/// ("RowKey gt {after}") fetched a chunk at a time and merged — never a scan of a table or of rows before
/// the cursor. How lists across several municipalities (or roles) read, with one continuation cursor.
/// </summary>
internal sealed class MergedRangeScan
{
    /// <summary>How many rows a list page may examine per row it asks for (stale rows, filters checked row by row).</summary>
    public const int ScanBudgetPerRow = 4;

    private readonly PartitionCursor[] cursors;

    /// <param name="afterRowKey">Read rows after this RowKey (null: from the start).</param>
    /// <param name="fetchSize">Rows per request; a page of n asks n + 1 to know whether more follow.</param>
    public MergedRangeScan(TableClient table, IEnumerable<string> partitionKeys, string? afterRowKey, int fetchSize)
    {
        cursors = partitionKeys.Distinct(StringComparer.Ordinal).Select(key => new PartitionCursor(table, key, afterRowKey, fetchSize)).ToArray();
    }

    /// <summary>
    /// One page of a list read through an index: rows in RowKey order across <paramref name="partitionKeys"/> after
    /// <paramref name="afterRowKey"/>, each confirmed by <paramref name="confirm"/> (null: a stale index row or one a
    /// filter drops) in parallel batches, examining at most <see cref="ScanBudgetPerRow"/> × <paramref name="pageSize"/>
    /// rows; the token goes on after the last row examined, or is null when nothing may follow.
    /// </summary>
    public static async Task<(List<T> Items, string? ContinuationToken)> ReadPageAsync<T>(
        TableClient table,
        IEnumerable<string> partitionKeys,
        string? afterRowKey,
        int pageSize,
        Func<TableEntity, Task<T?>> confirm,
        CancellationToken cancellationToken)
        where T : class
    {
        var scan = new MergedRangeScan(table, partitionKeys, afterRowKey, fetchSize: pageSize + 1);
        var budget = pageSize * ScanBudgetPerRow;
        var page = new List<T>(pageSize);
        var examined = 0;
        var cursor = afterRowKey;
        while (page.Count < pageSize && examined < budget)
        {
            List<TableEntity> candidates = [];
            while (candidates.Count < pageSize - page.Count && examined < budget && await scan.NextAsync(cancellationToken).ConfigureAwait(false) is { } row)
            {
                candidates.Add(row);
                examined++;
            }

            if (candidates.Count == 0)
            {
                break;
            }

            var confirmed = await Task.WhenAll(candidates.Select(confirm)).ConfigureAwait(false);
            page.AddRange(confirmed.OfType<T>());
            cursor = candidates[^1].RowKey;
        }

        return (page, scan.MayHaveMore && cursor is not null ? ContinuationTokens.Encode(cursor) : null);
    }

    /// <summary>Whether rows may follow the last one returned.</summary>
    public bool MayHaveMore => cursors.Any(cursor => cursor.Head is not null || !cursor.Exhausted);

    /// <summary>The next row in RowKey order across the partitions; null when all are read.</summary>
    public async Task<TableEntity?> NextAsync(CancellationToken cancellationToken)
    {
        var empty = cursors.Where(cursor => cursor.NeedsFetch).ToList();
        if (empty.Count > 0)
        {
            await Task.WhenAll(empty.Select(cursor => cursor.FetchAsync(cancellationToken))).ConfigureAwait(false);
        }

        PartitionCursor? first = null;
        foreach (var cursor in cursors)
        {
            if (cursor.Head is { } head && (first is null || string.CompareOrdinal(head.RowKey, first.Head!.RowKey) < 0))
            {
                first = cursor;
            }
        }

        return first?.Take();
    }

    private sealed class PartitionCursor(TableClient table, string partitionKey, string? afterRowKey, int fetchSize)
    {
        private readonly Queue<TableEntity> buffer = new();
        private string? last = afterRowKey;

        public bool Exhausted { get; private set; }

        public bool NeedsFetch => buffer.Count == 0 && !Exhausted;

        public TableEntity? Head => buffer.Count > 0 ? buffer.Peek() : null;

        public TableEntity Take() => buffer.Dequeue();

        public async Task FetchAsync(CancellationToken cancellationToken)
        {
            var filter = last is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey gt {last}");
            var pages = table.QueryAsync<TableEntity>(filter, maxPerPage: fetchSize, cancellationToken: cancellationToken).AsPages(pageSizeHint: fetchSize);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                foreach (var row in page.Values)
                {
                    buffer.Enqueue(row);
                    last = row.RowKey;
                }

                if (page.ContinuationToken is null)
                {
                    Exhausted = true;
                    break;
                }

                if (page.Values.Count > 0)
                {
                    // Enough for now; the next fetch goes on after the last row.
                    break;
                }
            }
        }
    }
}
