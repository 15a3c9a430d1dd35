using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Which emails were sent, in table <see cref="StorageNames.NotificationLog"/>: PartitionKey =
/// agreement id, RowKey = notification id, columns ClaimedAt (added only if the row is new: the first claim wins) and
/// SentAt (the first mark wins). A row with ClaimedAt and no SentAt is an email whose outcome is unknown.
/// </summary>
public sealed class TableNotificationLog : INotificationLog
{
    private const string SentAt = "SentAt";
    private const string ClaimedAt = "ClaimedAt";

    private readonly TableClient table;

    // The ETag of each claim this process made and has not marked or released yet: the mark that follows the send is
    // then one conditional write, without reading the claim back first. A claim another process made (a retried
    // activity elsewhere), or one changed since, is read as before.
    private readonly ConcurrentDictionary<(string Partition, string Key), ETag> claims = new();

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

    public async Task<bool> TryClaimAsync(string agreementId, string notificationId, DateTimeOffset claimedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        var row = new TableEntity(TableKeys.RequireSafe(agreementId, nameof(agreementId)), TableKeys.Escape(notificationId)) { [ClaimedAt] = claimedAt };
        var claim = await table.TryClaimAsync(row, cancellationToken).ConfigureAwait(false);
        if (claim.Won)
        {
            claims[(row.PartitionKey, row.RowKey)] = claim.ETag;
        }

        return claim.Won;
    }

    public async Task ReleaseAsync(string agreementId, string notificationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        var partition = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        var key = TableKeys.Escape(notificationId);
        claims.TryRemove((partition, key), out _);

        // Only a claim: a row marked sent stays (the send it records went through).
        if (await table.FindAsync(partition, key, cancellationToken).ConfigureAwait(false) is { } row && !row.ContainsKey(SentAt))
        {
            try
            {
                await table.DeleteEntityAsync(partition, key, row.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is TableOperations.NotFound or TableOperations.PreconditionFailed)
            {
                // Gone or marked meanwhile.
            }
        }
    }

    public async Task MarkSentAsync(string agreementId, string notificationId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        var partition = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        var key = TableKeys.Escape(notificationId);
        if (claims.TryRemove((partition, key), out var claim) && claim != default)
        {
            try
            {
                // Our own claim, unchanged since: the claim becomes the mark (merged, so ClaimedAt stays).
                await table.UpdateEntityAsync(new TableEntity(partition, key) { [SentAt] = sentAt }, claim, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status is TableOperations.PreconditionFailed or TableOperations.NotFound)
            {
                // Marked or released meanwhile: decided from the row as it is, below.
            }
        }

        if (await table.FindAsync(partition, key, cancellationToken).ConfigureAwait(false) is { } claimed)
        {
            if (!claimed.ContainsKey(SentAt))
            {
                // The claim becomes the mark; merged, so ClaimedAt stays.
                await table.UpdateEntityAsync(new TableEntity(partition, key) { [SentAt] = sentAt }, claimed.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            }

            // Marked before (a retried activity): the first time it was sent is the one that counts.
            return;
        }

        try
        {
            await table.AddEntityAsync(new TableEntity(partition, key) { [SentAt] = sentAt }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.Conflict)
        {
            // Marked meanwhile.
        }
    }
}
