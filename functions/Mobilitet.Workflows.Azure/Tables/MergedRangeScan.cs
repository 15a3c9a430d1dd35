using Azure.Data.Tables;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Reads several key ranges of one table (<see cref="KeyRange"/>: a partition, or the rows of one with a RowKey prefix)
/// as one sequence in sort-key order, each range fetched a chunk at a time after the cursor and merged — never a scan
/// of a table or of rows before the cursor. How lists across several municipalities (or roles) read, with one
/// continuation cursor: the sort key of the last row read.
/// </summary>
internal sealed class MergedRangeScan
{
    /// <summary>How many rows a list page may examine per row it asks for (stale rows, filters checked row by row).</summary>
    public const int ScanBudgetPerRow = 4;

    private readonly RangeCursor[] cursors;

    /// <param name="afterSortKey">Read rows after this sort key (null: from the start).</param>
    /// <param name="fetchSize">Rows per request; a page of n asks n + 1 to know whether more follow.</param>
    public MergedRangeScan(TableClient table, IEnumerable<KeyRange> ranges, string? afterSortKey, int fetchSize)
    {
        cursors = ranges.Distinct().Select(range => new RangeCursor(table, range, afterSortKey, fetchSize)).ToArray();
    }

    /// <summary>
    /// One page of a list read through an index: rows in sort-key order across <paramref name="ranges"/> after
    /// <paramref name="afterSortKey"/>, each confirmed by <paramref name="confirm"/> (null: a stale index row or one a
    /// filter drops) in parallel batches, examining at most <see cref="ScanBudgetPerRow"/> × <paramref name="pageSize"/>
    /// rows; the token goes on after the last row examined, or is null when nothing may follow.
    /// </summary>
    public static async Task<(List<T> Items, string? ContinuationToken)> ReadPageAsync<T>(
        TableClient table,
        IEnumerable<KeyRange> ranges,
        string? afterSortKey,
        int pageSize,
        Func<TableEntity, Task<T?>> confirm,
        CancellationToken cancellationToken)
        where T : class
    {
        var scan = new MergedRangeScan(table, ranges, afterSortKey, fetchSize: pageSize + 1);
        var budget = pageSize * ScanBudgetPerRow;
        var page = new List<T>(pageSize);
        var examined = 0;
        var cursor = afterSortKey;
        while (page.Count < pageSize && examined < budget)
        {
            List<TableEntity> candidates = [];
            while (candidates.Count < pageSize - page.Count && examined < budget && await scan.NextAsync(cancellationToken).ConfigureAwait(false) is { } next)
            {
                candidates.Add(next.Row);
                cursor = next.SortKey;
                examined++;
            }

            if (candidates.Count == 0)
            {
                break;
            }

            var confirmed = await Task.WhenAll(candidates.Select(confirm)).ConfigureAwait(false);
            page.AddRange(confirmed.OfType<T>());
        }

        return (page, scan.MayHaveMore && cursor is not null ? ContinuationTokens.Encode(cursor) : null);
    }

    /// <summary>Whether rows may follow the last one returned.</summary>
    public bool MayHaveMore => cursors.Any(cursor => cursor.Head is not null || !cursor.Exhausted);

    /// <summary>The next row in sort-key order across the ranges, with its sort key; null when all are read.</summary>
    public async Task<(TableEntity Row, string SortKey)?> NextAsync(CancellationToken cancellationToken)
    {
        var empty = cursors.Where(cursor => cursor.NeedsFetch).ToList();
        if (empty.Count > 0)
        {
            await Task.WhenAll(empty.Select(cursor => cursor.FetchAsync(cancellationToken))).ConfigureAwait(false);
        }

        RangeCursor? first = null;
        foreach (var cursor in cursors)
        {
            if (cursor.Head is { } head && (first is null || string.CompareOrdinal(head.SortKey, first.Head!.Value.SortKey) < 0))
            {
                first = cursor;
            }
        }

        return first?.Take();
    }

    private sealed class RangeCursor(TableClient table, KeyRange range, string? afterSortKey, int fetchSize)
    {
        private readonly Queue<(TableEntity Row, string SortKey)> buffer = new();
        private string? last = afterSortKey;

        public bool Exhausted { get; private set; }

        public bool NeedsFetch => buffer.Count == 0 && !Exhausted;

        public (TableEntity Row, string SortKey)? Head => buffer.Count > 0 ? buffer.Peek() : null;

        public (TableEntity Row, string SortKey) Take() => buffer.Dequeue();

        public async Task FetchAsync(CancellationToken cancellationToken)
        {
            var pages = table.QueryAsync<TableEntity>(range.Filter(last), maxPerPage: fetchSize, cancellationToken: cancellationToken).AsPages(pageSizeHint: fetchSize);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                foreach (var row in page.Values)
                {
                    last = range.SortKeyOf(row);
                    buffer.Enqueue((row, last));
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
