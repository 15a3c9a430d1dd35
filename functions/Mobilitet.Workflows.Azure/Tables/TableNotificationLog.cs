using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Which emails were sent, in table <see cref="StorageNames.NotificationLog"/>: PartitionKey =
/// agreement id, RowKey = notification id, column SentAt. The first mark wins.
/// </summary>
public sealed class TableNotificationLog : INotificationLog
{
    private const string SentAt = "SentAt";

    private readonly TableClient table;

    public TableNotificationLog(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.NotificationLog));
    }

    public async Task<bool> WasSentAsync(string agreementId, string notificationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        var row = await table.FindAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), TableKeys.Escape(notificationId), cancellationToken).ConfigureAwait(false);
        return row is not null;
    }

    public async Task MarkSentAsync(string agreementId, string notificationId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        var row = new TableEntity(TableKeys.RequireSafe(agreementId, nameof(agreementId)), TableKeys.Escape(notificationId)) { [SentAt] = sentAt };
        try
        {
            await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.Conflict)
        {
            // Marked before (a retried activity): the first time it was sent is the one that counts.
        }
    }
}
