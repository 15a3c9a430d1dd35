using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// The audit trail in table <see cref="StorageNames.AgreementTimeline"/>: PartitionKey = agreement
/// id, RowKey = "{UTC ticks:D19}-{kind}-{detail}". The key is the entry, so appending it twice keeps one,
/// and rows come back in time order.
/// </summary>
public sealed class TableTimeline : ITimeline
{
    private const string At = "At";
    private const string Kind = "Kind";
    private const string Actor = "Actor";
    private const string Detail = "Detail";

    private readonly TableClient table;

    public TableTimeline(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.AgreementTimeline));
    }

    /// <summary>The RowKey of an entry.</summary>
    public static string RowKey(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return string.Create(CultureInfo.InvariantCulture, $"{entry.At.UtcTicks:D19}-{entry.Kind}-{TableKeys.Escape(entry.Detail)}");
    }

    public async Task AppendAsync(string agreementId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        ArgumentNullException.ThrowIfNull(entry);
        var row = new TableEntity(id, RowKey(entry))
        {
            [At] = entry.At,
            [Kind] = entry.Kind.ToString(),
            [Actor] = entry.Actor,
        };
        row.SetOptional(Detail, entry.Detail);
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(string agreementId, CancellationToken cancellationToken)
    {
        var rows = await table.ListPartitionAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), cancellationToken).ConfigureAwait(false);

        // Rows come in RowKey order, which starts with the time; sorting again is cheap insurance.
        return rows
            .Select(row => new TimelineEntry(
                row.RequiredInstant(At),
                row.RequiredEnum<TimelineKind>(Kind),
                row.RequiredString(Actor),
                row.OptionalString(Detail)))
            .OrderBy(entry => entry.At)
            .ToList();
    }
}
