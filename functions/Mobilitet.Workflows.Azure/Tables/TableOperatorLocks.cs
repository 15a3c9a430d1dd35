using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Operations;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Operator locks in table <see cref="StorageNames.OperatorLocks"/>: PartitionKey = agreement id, RowKey = "operator",
/// with when the lock expires. Taking a free lock is an insert, and taking an expired one a replace at the version read,
/// so of two actions at once exactly one gets it; releasing deletes the row only at the version this holder wrote.
/// </summary>
public sealed class TableOperatorLocks : IOperatorLocks
{
    private const string RowKey = "operator";
    private const string ExpiresAt = "ExpiresAt";

    private readonly TableClient table;

    public TableOperatorLocks(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.OperatorLocks));
    }

    public async Task<IAsyncDisposable?> TryAcquireAsync(string agreementId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partition = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        var row = new TableEntity(partition, RowKey) { [ExpiresAt] = now + IOperatorLocks.Hold };

        // A claim, not a bare insert: when the insert's answer is lost and the SDK sends it again, the lock it meets is
        // this caller's own, not another action's (taken for another's, every action would be refused until it expired).
        var claim = await table.TryClaimAsync(row, cancellationToken).ConfigureAwait(false);
        if (claim.Won)
        {
            return new Held(table, partition, claim.ETag);
        }

        // Held, or held by an action that never released it: only an expired lock may be taken over.
        if (claim.Standing is not { } current || current.GetDateTimeOffset(ExpiresAt) > now)
        {
            return null; // held, or released a moment ago: the caller says "try again", which then succeeds
        }

        try
        {
            var replaced = await table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return new Held(table, partition, replaced.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException e) when (e.Status is TableOperations.PreconditionFailed or TableOperations.NotFound)
        {
            return null;
        }
    }

    private sealed class Held(TableClient table, string partition, ETag version) : IAsyncDisposable
    {
        // CancellationToken.None: a lock is released even when the request that took it was cancelled.
        public async ValueTask DisposeAsync() => await table.DeleteIfUnchangedAsync(partition, RowKey, version, CancellationToken.None).ConfigureAwait(false);
    }
}
