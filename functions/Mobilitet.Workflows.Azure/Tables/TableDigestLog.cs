using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Digests;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Daily digests sent, in table <see cref="StorageNames.DailyDigests"/>: PartitionKey = Copenhagen date (yyyy-MM-dd),
/// RowKey = the recipient's keyed hash (a person's digest of the day, claimed by an insert the table refuses a second
/// time) or "day" (the day's run finished). No address is stored.
/// </summary>
public sealed class TableDigestLog : IDigestLog
{
    private const string DayRow = "day";

    private readonly TableClient table;

    public TableDigestLog(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.DailyDigests));
    }

    public async Task<bool> TryClaimAsync(DateOnly day, string recipientKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = new TableEntity(PartitionOf(day), TableKeys.RequireSafe(recipientKey, nameof(recipientKey))) { ["ClaimedAt"] = at };
        return (await table.TryClaimAsync(row, cancellationToken).ConfigureAwait(false)).Won;
    }

    public async Task<bool> IsDayCompleteAsync(DateOnly day, CancellationToken cancellationToken) =>
        await table.FindAsync(PartitionOf(day), DayRow, cancellationToken).ConfigureAwait(false) is not null;

    public Task MarkDayCompleteAsync(DateOnly day, DateTimeOffset at, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(PartitionOf(day), DayRow) { ["CompletedAt"] = at }, TableUpdateMode.Replace, cancellationToken);

    private static string PartitionOf(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
