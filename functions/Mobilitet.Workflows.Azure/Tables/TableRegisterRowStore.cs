using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Imported register rows in table <see cref="StorageNames.RegisterRows"/>: PartitionKey = agreement id; RowKey
/// "a:{upload}:{line}" for an amount row, "w:{upload}:{line}:{ISO year}" for a weekly row's weeks of one year (a year
/// holds at most 53 codes, so a row stays far below the size limits however many weeks a file has). No CPR and no
/// person key. Rows are written in batches of the partition, as upserts: the same upload's rows again replace
/// themselves. Which rows count is decided on read (<see cref="RegisterRows.Resolve"/>).
/// </summary>
public sealed class TableRegisterRowStore : IRegisterRowStore
{
    /// <summary>The most operations one entity-group transaction may hold.</summary>
    private const int BatchSize = 100;

    private const string AmountPrefix = "a:";
    private const string WeeklyPrefix = "w:";

    private readonly TableClient table;

    public TableRegisterRowStore(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.RegisterRows));
    }

    public async Task SaveAsync(string agreementId, IReadOnlyCollection<AmountRow> amounts, IReadOnlyCollection<WeeklyRow> weekly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        ArgumentNullException.ThrowIfNull(weekly);
        var partition = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        var rows = amounts.Select(row => AmountEntity(partition, row))
            .Concat(weekly.SelectMany(row => WeeklyEntities(partition, row)))
            .Select(entity => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
        foreach (var batch in rows.Chunk(BatchSize))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<RegisterRows> ReadAsync(string agreementId, CancellationToken cancellationToken)
    {
        var rows = await table.ListPartitionAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return RegisterRows.Empty;
        }

        var amounts = rows.Where(row => row.RowKey.StartsWith(AmountPrefix, StringComparison.Ordinal)).Select(FromAmountEntity);
        var weekly = rows.Where(row => row.RowKey.StartsWith(WeeklyPrefix, StringComparison.Ordinal))
            .GroupBy(row => (UploadId: row.RequiredString(Columns.UploadId), Line: row.RequiredInt32(Columns.Line)))
            .Select(group => new WeeklyRow(
                RegisterRows.Resident,
                new RowRef(group.Key.UploadId, group.Key.Line),
                group.First().OptionalInstantText(Columns.UploadedAt) ?? throw new InvalidDataException($"Row {group.First().PartitionKey}/{group.First().RowKey} has no upload instant."),
                [.. group.SelectMany(ReadWeeks)]));
        return RegisterRows.Resolve(amounts, weekly);
    }

    /// <summary>Deletes the partition in batches; a batch that meets a row deleted meanwhile is deleted row by row.</summary>
    public async Task EraseAsync(string agreementId, CancellationToken cancellationToken)
    {
        var partition = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        var rows = await table.ListPartitionAsync(partition, cancellationToken, select: ["PartitionKey", "RowKey"]).ConfigureAwait(false);
        foreach (var batch in rows.Chunk(BatchSize))
        {
            try
            {
                await table.SubmitTransactionAsync(
                    batch.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.Status == TableOperations.NotFound)
            {
                foreach (var row in batch)
                {
                    await table.DeleteIfExistsAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static TableEntity AmountEntity(string partition, AmountRow row) => new(partition, RowKey(AmountPrefix, row.Source))
    {
        [Columns.UploadId] = row.Source.UploadId,
        [Columns.Line] = row.Source.Line,
        [Columns.UploadedAt] = EntityValues.FormatInstant(row.UploadedAt),
        [Columns.PeriodStart] = EntityValues.Format(row.PeriodStart),
        [Columns.PeriodEnd] = EntityValues.Format(row.PeriodEnd),
        [Columns.WeeksOnSupport] = EntityValues.Format(row.WeeksOnSupport),
        [Columns.WeeksInPeriod] = EntityValues.Format(row.WeeksInPeriod),
        [Columns.TransfersDkk] = EntityValues.Format(row.TransfersDkk),
        [Columns.ServiceCostsDkk] = EntityValues.Format(row.ServiceCostsDkk),
        [Columns.TaxPaidDkk] = EntityValues.Format(row.TaxPaidDkk),
    };

    private static AmountRow FromAmountEntity(TableEntity row) => new(
        RegisterRows.Resident,
        new RowRef(row.RequiredString(Columns.UploadId), row.RequiredInt32(Columns.Line)),
        row.OptionalInstantText(Columns.UploadedAt) ?? throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey} has no upload instant."),
        row.RequiredDate(Columns.PeriodStart),
        row.RequiredDate(Columns.PeriodEnd),
        row.RequiredDecimal(Columns.WeeksOnSupport),
        row.RequiredDecimal(Columns.WeeksInPeriod),
        row.RequiredDecimal(Columns.TransfersDkk),
        row.RequiredDecimal(Columns.ServiceCostsDkk),
        row.RequiredDecimal(Columns.TaxPaidDkk));

    // One entity per ISO year; "01=KH;02=;53=DP": week number, '=', the code (empty: no benefit that week).
    private static IEnumerable<TableEntity> WeeklyEntities(string partition, WeeklyRow row) =>
        row.Weeks.GroupBy(week => week.Week.Year).Select(year =>
        {
            var weeks = new StringBuilder();
            foreach (var week in year.OrderBy(week => week.Week))
            {
                weeks.Append(weeks.Length == 0 ? string.Empty : ";")
                    .Append(week.Week.Week.ToString("D2", CultureInfo.InvariantCulture))
                    .Append('=')
                    .Append(week.Code);
            }

            return new TableEntity(partition, RowKey(WeeklyPrefix, row.Source) + ":" + year.Key.ToString("D4", CultureInfo.InvariantCulture))
            {
                [Columns.UploadId] = row.Source.UploadId,
                [Columns.Line] = row.Source.Line,
                [Columns.UploadedAt] = EntityValues.FormatInstant(row.UploadedAt),
                [Columns.Year] = year.Key,
                [Columns.Weeks] = weeks.ToString(),
            };
        });

    private static IEnumerable<WeekCode> ReadWeeks(TableEntity row)
    {
        var year = row.RequiredInt32(Columns.Year);
        foreach (var cell in row.RequiredString(Columns.Weeks).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = cell.IndexOf('=', StringComparison.Ordinal);
            var week = int.Parse(cell.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture);
            var code = cell[(separator + 1)..];
            yield return new WeekCode(new IsoWeek(year, week), code.Length == 0 ? null : code);
        }
    }

    private static string RowKey(string prefix, RowRef source) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{TableKeys.RequireSafe(source.UploadId, nameof(source))}:{source.Line:D7}");

    private static class Columns
    {
        public const string UploadId = "UploadId";
        public const string Line = "Line";
        public const string UploadedAt = "UploadedAt";
        public const string PeriodStart = "PeriodStart";
        public const string PeriodEnd = "PeriodEnd";
        public const string WeeksOnSupport = "WeeksOnSupport";
        public const string WeeksInPeriod = "WeeksInPeriod";
        public const string TransfersDkk = "TransfersDkk";
        public const string ServiceCostsDkk = "ServiceCostsDkk";
        public const string TaxPaidDkk = "TaxPaidDkk";
        public const string Year = "Year";
        public const string Weeks = "Weeks";
    }
}
