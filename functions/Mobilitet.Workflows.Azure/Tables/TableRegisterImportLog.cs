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
/// </summary>
public sealed class TableRegisterImportLog : IRegisterImportLog
{
    public const string RowKey = "import";

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

    public Task CompleteAsync(RegisterImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        return table.UpsertEntityAsync(ToEntity(import), TableUpdateMode.Replace, cancellationToken);
    }

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
