using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Protection;
using Mobilitet.Workflows.Caseload;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Caseload imports in table <see cref="StorageNames.CaseloadImports"/>, one partition per import (PartitionKey = import
/// id): RowKey "import" is the import (who started it, rows read and done), and "line:{line, 9 digits}" one row per
/// data line. A line to do holds its values (personal data, as JSON); <see cref="CompleteLineAsync"/> replaces the row
/// with its outcome (result, agreement id, errors as JSON), so the values are gone once the line is imported. The values
/// are encrypted at rest (<see cref="PersonalDataKind.CaseloadImport"/>).
/// </summary>
public sealed class TableCaseloadImportStore : ICaseloadImportStore, IClearPersonalDataMigration
{
    public const string ImportRowKey = "import";

    private const string LinePrefix = "line:";

    /// <summary>Rows per transaction (Table storage allows 100 operations in one partition).</summary>
    private const int TransactionSize = 100;

    private readonly TableClient table;
    private readonly ProtectedColumns protectedColumns;

    public TableCaseloadImportStore(TableServiceClient service, IOptions<StorageOptions> options, IPersonalDataProtector protector)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.CaseloadImports));
        protectedColumns = new ProtectedColumns(protector, PersonalDataKind.CaseloadImport, Columns.Values);
    }

    /// <summary>Encrypts the lines waiting with their values in clear text, from before encryption at rest.</summary>
    public Task<int> EncryptClearTextAsync(CancellationToken cancellationToken) =>
        protectedColumns.EncryptClearRowsAsync(table, cancellationToken);

    public static string LineRowKey(int line) => LinePrefix + line.ToString("D9", CultureInfo.InvariantCulture);

    public async Task AddAsync(CaseloadImport import, IReadOnlyList<CaseloadLine> lines, IReadOnlyList<CaseloadRowOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(outcomes);
        var id = TableKeys.RequireSafe(import.ImportId, nameof(import));

        // The import first, marked stored last: a crash in between leaves a record that says its lines are incomplete,
        // so the repair can find and discard them (they hold personal data) instead of leaving them behind unseen.
        var importRow = new TableEntity(id, ImportRowKey)
        {
            [Columns.UserId] = import.UserId,
            [Columns.Roles] = string.Join(',', import.Roles),
            [Columns.Municipalities] = string.Join(',', import.Municipalities),
            [Columns.RowsRead] = import.RowsRead,
            [Columns.RowsDone] = import.RowsDone,
            [Columns.Completed] = import.Completed,
            [Columns.StartedAt] = import.StartedAt,
            [Columns.Stored] = false,
        };
        // An upsert, though the id is new: when the insert's answer is lost and the SDK sends it again, an insert would
        // meet its own first attempt (409) and fail an upload that was stored.
        await table.UpsertEntityAsync(importRow, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        var rows = lines.Select(line => new TableEntity(id, LineRowKey(line.Line)) { [Columns.Values] = protectedColumns.Protect(JsonSerializer.Serialize(line.Values)) })
            .Concat(outcomes.Select(outcome => OutcomeEntity(id, outcome)));
        foreach (var chunk in rows.Chunk(TransactionSize))
        {
            await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken).ConfigureAwait(false);
        }

        await table.UpdateEntityAsync(new TableEntity(id, ImportRowKey) { [Columns.Stored] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CaseloadImport?> FindAsync(string importId, CancellationToken cancellationToken) =>
        await table.FindAsync(TableKeys.RequireSafe(importId, nameof(importId)), ImportRowKey, cancellationToken).ConfigureAwait(false) is { } row
        && ImportOf(row) is { Stored: true } import
            ? import
            : null;

    public Task DiscardAsync(string importId, CancellationToken cancellationToken) =>
        table.DeletePartitionAsync(TableKeys.RequireSafe(importId, nameof(importId)), cancellationToken);

    /// <summary>One query across partitions for the import rows not completed (a scan, but of a small table run every few minutes).</summary>
    public async Task<IReadOnlyList<CaseloadImport>> ListUnfinishedAsync(CancellationToken cancellationToken)
    {
        var unfinished = new List<CaseloadImport>();
        // The column name is written out: an interpolated string would be quoted as a value.
        var filter = TableClient.CreateQueryFilter($"RowKey eq {ImportRowKey} and Completed eq {false}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            unfinished.Add(ImportOf(row));
        }

        return unfinished;
    }

    private static CaseloadImport ImportOf(TableEntity row)
    {
        static HashSet<string> Set(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new CaseloadImport(
            row.PartitionKey,
            row.RequiredString(Columns.UserId),
            Set(row.RequiredString(Columns.Roles)),
            Set(row.OptionalString(Columns.Municipalities) ?? string.Empty),
            row.RequiredInt32(Columns.RowsRead),
            row.RequiredInt32(Columns.RowsDone),
            row.GetBoolean(Columns.Completed) ?? false,
            row.GetDateTimeOffset(Columns.StartedAt) ?? throw new InvalidDataException($"Caseload import {row.PartitionKey} has no start."))
        {
            Stored = row.GetBoolean(Columns.Stored) ?? true, // imports stored before the column existed were stored whole
        };
    }

    public async Task<IReadOnlyList<CaseloadLine>> PendingAsync(string importId, int max, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(importId, nameof(importId));
        var pending = new List<CaseloadLine>();
        await foreach (var row in table.QueryAsync<TableEntity>(LinesFilter(id), maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.ContainsKey(Columns.Result))
            {
                continue;
            }

            pending.Add(new CaseloadLine(LineOf(row), JsonSerializer.Deserialize<string[]>(protectedColumns.Unprotect(row.RequiredString(Columns.Values)))!));
            if (pending.Count == max)
            {
                break;
            }
        }

        return pending;
    }

    public Task CompleteLineAsync(string importId, CaseloadRowOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return table.UpsertEntityAsync(OutcomeEntity(TableKeys.RequireSafe(importId, nameof(importId)), outcome), TableUpdateMode.Replace, cancellationToken);
    }

    public Task UpdateProgressAsync(string importId, int rowsDone, bool completed, CancellationToken cancellationToken) =>
        table.UpdateEntityAsync(
            new TableEntity(TableKeys.RequireSafe(importId, nameof(importId)), ImportRowKey) { [Columns.RowsDone] = rowsDone, [Columns.Completed] = completed },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken);

    public async Task<IReadOnlyList<CaseloadRowOutcome>> OutcomesAsync(string importId, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(importId, nameof(importId));
        var outcomes = new List<CaseloadRowOutcome>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            LinesFilter(id), maxPerPage: 1000, select: ["RowKey", Columns.Result, Columns.AgreementId, Columns.Errors], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.OptionalString(Columns.Result) is not { } result)
            {
                continue;
            }

            var line = LineOf(row);
            var errors = row.OptionalString(Columns.Errors) is { } json
                ? JsonSerializer.Deserialize<StoredError[]>(json)!.Select(error => new ExtractError(line, error.Field, error.Message)).ToList()
                : [];
            outcomes.Add(new CaseloadRowOutcome(line, Enum.Parse<CaseloadRowResult>(result), row.OptionalString(Columns.AgreementId), errors));
        }

        return outcomes;
    }

    private static string LinesFilter(string id) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {LinePrefix} and RowKey lt {"line;"}");

    private static int LineOf(TableEntity row) => int.Parse(row.RowKey.AsSpan(LinePrefix.Length), CultureInfo.InvariantCulture);

    private static TableEntity OutcomeEntity(string id, CaseloadRowOutcome outcome)
    {
        var row = new TableEntity(id, LineRowKey(outcome.Line)) { [Columns.Result] = outcome.Result.ToString() };
        row.SetOptional(Columns.AgreementId, outcome.AgreementId);
        if (outcome.Errors.Count > 0)
        {
            row[Columns.Errors] = JsonSerializer.Serialize(outcome.Errors.Select(error => new StoredError(error.Field, error.Message)).ToArray());
        }

        return row;
    }

    private sealed record StoredError(string? Field, string Message);

    private static class Columns
    {
        public const string UserId = "UserId";
        public const string Stored = "Stored";
        public const string Roles = "Roles";
        public const string Municipalities = "Municipalities";
        public const string RowsRead = "RowsRead";
        public const string RowsDone = "RowsDone";
        public const string Completed = "Completed";
        public const string StartedAt = "StartedAt";
        public const string Values = "Values";
        public const string Result = "Result";
        public const string AgreementId = "AgreementId";
        public const string Errors = "Errors";
    }
}
