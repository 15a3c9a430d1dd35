using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// The import records in table <see cref="StorageNames.RegisterImports"/>: PartitionKey = import id, RowKey = "import".
/// Starting inserts, so of two attempts at once the first record stands and both write the same rows.
/// Completing also writes the record into partition <see cref="RecentPartition"/> under RowKey = inverted upload ticks
/// and import id, so the newest imports are the first rows of one partition (the list a page shows reads a few rows,
/// however many imports there were). Import ids are hex digits, so no import's partition is "recent".
/// </summary>
public sealed class TableRegisterImportLog : IRegisterImportLog
{
    public const string RowKey = "import";

    public const string RecentPartition = "recent";

    private readonly TableClient table;

    public TableRegisterImportLog(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.RegisterImports));
    }

    public async Task<RegisterImport> StartAsync(RegisterImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        try
        {
            await table.AddEntityAsync(ToEntity(import), cancellationToken).ConfigureAwait(false);
            return import;
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.Conflict)
        {
            return await FindAsync(import.ImportId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Import {import.ImportId} was recorded and is gone.", e);
        }
    }

    public async Task CompleteAsync(RegisterImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        await table.UpsertEntityAsync(ToEntity(import), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        var recent = ToEntity(import);
        recent.PartitionKey = RecentPartition;
        recent.RowKey = RecentRowKey(import);
        recent[Columns.ImportId] = import.ImportId;
        await table.UpsertEntityAsync(recent, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RegisterImport>> ListRecentAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var found = new List<RegisterImport>(Math.Min(max, 1000));
        await foreach (var row in table.QueryAsync<TableEntity>(row => row.PartitionKey == RecentPartition, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(FromEntity(row) with { ImportId = row.RequiredString(Columns.ImportId) });
            if (found.Count == max)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>Newest first: ticks counted down from the largest instant, then the id (two imports in one tick keep both rows).</summary>
    private static string RecentRowKey(RegisterImport import) =>
        (DateTimeOffset.MaxValue.UtcTicks - import.UploadedAt.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "_" + import.ImportId;

    public async Task<RegisterImport?> FindAsync(string importId, CancellationToken cancellationToken) =>
        await table.FindAsync(TableKeys.RequireSafe(importId, nameof(importId)), RowKey, cancellationToken).ConfigureAwait(false) is { } row
            ? FromEntity(row)
            : null;

    private static TableEntity ToEntity(RegisterImport import) => new(TableKeys.RequireSafe(import.ImportId, nameof(import)), RowKey)
    {
        [Columns.ContentHash] = import.ContentHash,
        [Columns.MunicipalityCodes] = string.Join(',', import.MunicipalityCodes),
        [Columns.UploadedAt] = EntityValues.FormatInstant(import.UploadedAt),
        [Columns.UploadedBy] = import.UploadedBy,
        [Columns.Status] = import.Status.ToString(),
        [Columns.Format] = import.Format.ToString(),
        [Columns.RowsRead] = import.RowsRead,
        [Columns.RowsImported] = import.RowsImported,
        [Columns.RowsUnmatched] = import.RowsUnmatched,
        [Columns.ErrorCount] = import.ErrorCount,
    };

    private static RegisterImport FromEntity(TableEntity row) => new(
        row.PartitionKey,
        row.RequiredString(Columns.ContentHash),
        row.RequiredString(Columns.MunicipalityCodes).Split(',', StringSplitOptions.RemoveEmptyEntries),
        row.OptionalInstantText(Columns.UploadedAt) ?? throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey} has no upload instant."),
        row.RequiredString(Columns.UploadedBy),
        row.RequiredEnum<RegisterImportStatus>(Columns.Status),
        row.RequiredEnum<ExtractFormat>(Columns.Format),
        row.RequiredInt32(Columns.RowsRead),
        row.RequiredInt32(Columns.RowsImported),
        row.RequiredInt32(Columns.RowsUnmatched),
        row.RequiredInt32(Columns.ErrorCount));

    private static class Columns
    {
        public const string ImportId = "ImportId";
        public const string ContentHash = "ContentHash";
        public const string MunicipalityCodes = "MunicipalityCodes";
        public const string UploadedAt = "UploadedAt";
        public const string UploadedBy = "UploadedBy";
        public const string Status = "Status";
        public const string Format = "Format";
        public const string RowsRead = "RowsRead";
        public const string RowsImported = "RowsImported";
        public const string RowsUnmatched = "RowsUnmatched";
        public const string ErrorCount = "ErrorCount";
    }
}
