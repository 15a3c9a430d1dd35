using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Decisions;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Decisions in table <see cref="StorageNames.Decisions"/>: PartitionKey = agreement id, RowKey = the
/// subject. A claim is an insert, which the table service accepts for exactly one of any number of
/// concurrent requests; the others read the row that won.
/// </summary>
public sealed class TableDecisionLog : IDecisionLog
{
    private readonly TableClient table;

    public TableDecisionLog(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.Decisions));
    }

    public async Task<(Decision Standing, bool Recorded)> ClaimAsync(Decision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var row = ToEntity(decision with { Delivered = false });
        var claim = await table.TryClaimAsync(row, cancellationToken).ConfigureAwait(false);
        if (claim.Won)
        {
            // Recorded by this call (also when the SDK's retry of a lost answer met this very row): its audit entry is due.
            return (decision with { Delivered = false }, true);
        }

        // Rows are never deleted, so the one that won was there to read.
        var standing = claim.Standing ?? throw new InvalidOperationException($"Decision {row.PartitionKey}/{row.RowKey} conflicted but cannot be read.");
        return (FromEntity(standing), false);
    }

    public async Task<Decision?> FindAsync(string agreementId, string subject, CancellationToken cancellationToken)
    {
        var row = await table.FindAsync(Key(agreementId, nameof(agreementId)), Key(subject, nameof(subject)), cancellationToken).ConfigureAwait(false);
        return row is null ? null : FromEntity(row);
    }

    public async Task MarkDeliveredAsync(Decision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var row = new TableEntity(Key(decision.AgreementId, nameof(decision)), Key(decision.Subject, nameof(decision))) { [Columns.Delivered] = true };
        await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Decision>> ListUndeliveredAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Delivered eq {false} and At lt {before}");
        List<Decision> found = [];
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(FromEntity(row));
        }

        return found;
    }

    private static TableEntity ToEntity(Decision decision) => new(Key(decision.AgreementId, nameof(decision)), Key(decision.Subject, nameof(decision)))
    {
        [Columns.Fields] = JsonSerializer.Serialize(decision.Fields),
        [Columns.Actor] = decision.Actor,
        [Columns.At] = decision.At,
        [Columns.Delivered] = decision.Delivered,
    };

    private static Decision FromEntity(TableEntity row) => new()
    {
        AgreementId = row.PartitionKey,
        Subject = row.RowKey,
        Fields = JsonSerializer.Deserialize<Dictionary<string, string>>(row.RequiredString(Columns.Fields))
            ?? throw new InvalidDataException($"Decision {row.PartitionKey}/{row.RowKey} has no fields."),
        Actor = row.RequiredString(Columns.Actor),
        At = row.RequiredInstant(Columns.At),
        Delivered = row.GetBoolean(Columns.Delivered) ?? false,
    };

    private static string Key(string value, string parameterName) => TableKeys.RequireSafe(value, parameterName);

    private static class Columns
    {
        public const string Fields = "Fields";
        public const string Actor = "Actor";
        public const string At = "At";
        public const string Delivered = "Delivered";
    }
}
