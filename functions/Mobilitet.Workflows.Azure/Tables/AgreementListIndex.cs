using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Writes and removes the agreement list's index rows for <see cref="TableAgreementRepository"/>. Rows are
/// keys only (plus the municipality, which never changes), so a row is right whenever its key is. The
/// agreement row records which index rows it was committed with, and their ETags (<see cref="Format"/>):
/// readers trust an index row only if its agreement lists it, and a writer removes the rows of the version it
/// replaced only if nobody has rewritten them since (If-Match), so a concurrent writer's rows are never lost.
/// </summary>
internal sealed class AgreementListIndex(TableClient table)
{
    public const string MunicipalityColumn = "Municipality";

    public TableClient Table => table;

    /// <summary>
    /// Writes (upserts) the rows, one batch transaction per partition (an agreement's rows share one, so that is one
    /// request); returns each with its new ETag.
    /// </summary>
    public async Task<IReadOnlyList<IndexRow>> WriteAsync(string municipalityCode, IReadOnlyList<TableKey> keys, CancellationToken cancellationToken)
    {
        var written = await Task.WhenAll(keys.GroupBy(key => key.PartitionKey, StringComparer.Ordinal).Select(async partition =>
        {
            var rows = partition.ToList();
            var response = await table.SubmitTransactionAsync(
                rows.Select(key => new TableTransactionAction(
                    TableTransactionActionType.UpsertReplace,
                    new TableEntity(key.PartitionKey, key.RowKey) { [MunicipalityColumn] = municipalityCode })),
                cancellationToken).ConfigureAwait(false);
            return rows.Zip(response.Value, (key, result) => new IndexRow(key, result.Headers.ETag?.ToString() ?? string.Empty));
        })).ConfigureAwait(false);
        return [.. written.SelectMany(rows => rows)];
    }

    /// <summary>
    /// Deletes rows that are still as they were written (same ETag); rows gone or rewritten since are left. One batch
    /// per partition; a batch fails whole if any row in it is gone or rewritten, and then its rows are deleted one by one.
    /// </summary>
    public Task DeleteAsync(IEnumerable<IndexRow> rows, CancellationToken cancellationToken) =>
        Task.WhenAll(rows.Where(row => row.ETag.Length > 0).GroupBy(row => row.Key.PartitionKey, StringComparer.Ordinal).Select(async partition =>
        {
            try
            {
                await table.SubmitTransactionAsync(
                    partition.Select(row => new TableTransactionAction(
                        TableTransactionActionType.Delete,
                        new TableEntity(row.Key.PartitionKey, row.Key.RowKey),
                        new ETag(row.ETag))),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException)
            {
                await Task.WhenAll(partition.Select(row => table.DeleteIfUnchangedAsync(row.Key.PartitionKey, row.Key.RowKey, new ETag(row.ETag), cancellationToken))).ConfigureAwait(false);
            }
        }));

    /// <summary>The value of the agreement row's column that lists its index rows: [[partition, row, etag], ...].</summary>
    public static string Format(IReadOnlyList<IndexRow> rows) =>
        JsonSerializer.Serialize(rows.Select(row => new[] { row.Key.PartitionKey, row.Key.RowKey, row.ETag }));

    /// <summary>The index rows an agreement row lists; none for a row written before the list index existed.</summary>
    public static IReadOnlyList<IndexRow> Parse(string? column)
    {
        if (string.IsNullOrEmpty(column))
        {
            return [];
        }

        var rows = JsonSerializer.Deserialize<string[][]>(column) ?? [];
        return rows.Where(row => row.Length == 3).Select(row => new IndexRow(new TableKey(row[0], row[1]), row[2])).ToList();
    }
}
