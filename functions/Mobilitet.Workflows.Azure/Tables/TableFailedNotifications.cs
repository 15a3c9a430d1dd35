using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Failed notifications in table <see cref="StorageNames.FailedNotifications"/>: PartitionKey = agreement id,
/// RowKey = notification id, so a retried activity keeps one row. Ids, codes and field names only (no personal
/// data), so the rows stay after an erasure like the timeline. Failures are rare; the administrators' page reads
/// the whole table.
/// </summary>
public sealed class TableFailedNotifications : IFailedNotifications
{
    private const string NotificationId = "NotificationId";
    private const string Kind = "Kind";
    private const string StatusCode = "StatusCode";
    private const string Fields = "Fields";
    private const string FailedAt = "FailedAt";

    private readonly TableClient table;

    public TableFailedNotifications(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.FailedNotifications));
    }

    public async Task RecordAsync(FailedNotification failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var row = new TableEntity(TableKeys.RequireSafe(failure.AgreementId, nameof(failure)), TableKeys.Escape(failure.NotificationId))
        {
            [NotificationId] = failure.NotificationId,
            [Kind] = failure.Kind.ToString(),
            [StatusCode] = failure.StatusCode,
            [Fields] = failure.Fields,
            [FailedAt] = failure.FailedAt,
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FailedNotification>> ListAsync(int max, CancellationToken cancellationToken)
    {
        List<FailedNotification> failures = [];
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            failures.Add(new FailedNotification(
                row.PartitionKey,
                row.RequiredString(NotificationId),
                row.RequiredEnum<NotificationKind>(Kind),
                row.RequiredInt32(StatusCode),
                row.OptionalString(Fields) ?? string.Empty,
                row.RequiredInstant(FailedAt)));
        }

        return failures.OrderByDescending(failure => failure.FailedAt).ThenBy(failure => failure.AgreementId, StringComparer.Ordinal).Take(max).ToList();
    }
}
