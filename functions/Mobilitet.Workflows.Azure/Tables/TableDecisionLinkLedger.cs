using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.DecisionLinks;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Used decision links in table <see cref="StorageNames.DecisionLinks"/>: PartitionKey = link id, RowKey = "used". A claim
/// is an insert, which the table refuses when the row exists, so of two decisions with one link exactly one goes on.
/// The row holds ids and a time only (no personal data).
/// </summary>
public sealed class TableDecisionLinkLedger : IDecisionLinkLedger
{
    private const string RowKey = "used";

    private readonly TableClient table;

    public TableDecisionLinkLedger(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.DecisionLinks));
    }

    public async Task<bool> TryClaimAsync(DecisionLink link, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var row = new TableEntity(PartitionOf(link), RowKey)
        {
            ["EscalationId"] = link.EscalationId,
            ["Level"] = link.Level,
            ["ClaimedAt"] = at,
        };
        return (await table.TryClaimAsync(row, cancellationToken).ConfigureAwait(false)).Won;
    }

    public Task ReleaseAsync(DecisionLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        return table.DeleteIfExistsAsync(PartitionOf(link), RowKey, cancellationToken);
    }

    public async Task<bool> IsUsedAsync(DecisionLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        return await table.FindAsync(PartitionOf(link), RowKey, cancellationToken).ConfigureAwait(false) is not null;
    }

    private static string PartitionOf(DecisionLink link) => TableKeys.RequireSafe(link.LinkId, nameof(link));
}
