using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Indicator values recorded by hand, in table <see cref="StorageNames.IndicatorValues"/>:
/// PartitionKey = agreement id, RowKey = milestone ("M3"), with who recorded them and when.
/// </summary>
public sealed class TableIndicatorStore : IIndicatorStore
{
    private const string SelfSufficiencyRate = "SelfSufficiencyRate";
    private const string ResourceDrawDkk = "ResourceDrawDkk";
    private const string TaxPaidDkk = "TaxPaidDkk";
    private const string EnteredBy = "EnteredBy";
    private const string EnteredAt = "EnteredAt";

    private readonly TableClient table;

    public TableIndicatorStore(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.IndicatorValues));
    }

    public async Task<ManualIndicators?> FindAsync(string agreementId, Milestone milestone, CancellationToken cancellationToken)
    {
        var row = await table.FindAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), milestone.ToString(), cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new ManualIndicators(
                new IndicatorValues(row.RequiredDecimal(SelfSufficiencyRate), row.RequiredDecimal(ResourceDrawDkk), row.RequiredDecimal(TaxPaidDkk)),
                row.NonEmptyString(EnteredBy),
                row.GetDateTimeOffset(EnteredAt));
    }

    public async Task SaveAsync(string agreementId, Milestone milestone, ManualIndicators entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var values = entry.Values;
        var row = new TableEntity(TableKeys.RequireSafe(agreementId, nameof(agreementId)), milestone.ToString())
        {
            [SelfSufficiencyRate] = EntityValues.Format(values.SelfSufficiencyRate),
            [ResourceDrawDkk] = EntityValues.Format(values.ResourceDrawDkk),
            [TaxPaidDkk] = EntityValues.Format(values.TaxPaidDkk),
        };
        row.SetOptional(EnteredBy, entry.EnteredBy);
        row.SetOptional(EnteredAt, entry.EnteredAt);
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public Task EraseAsync(string agreementId, CancellationToken cancellationToken) =>
        table.DeletePartitionAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), cancellationToken);
}
