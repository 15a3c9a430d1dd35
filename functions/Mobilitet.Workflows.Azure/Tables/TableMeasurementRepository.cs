using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Measurements;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Milestone measurements in table <see cref="StorageNames.Measurements"/>: PartitionKey = agreement
/// id, RowKey = the measurement's label: the milestone ("M3"), or an extra measurement of it ("M3+6"). Saving replaces the label's row. Where the values came from is a JSON column
/// (<see cref="IndicatorProvenance"/>: upload ids and line numbers, or who entered them), kept when the values are erased.
/// </summary>
public sealed class TableMeasurementRepository : IMeasurementRepository
{
    private const int MaxEraseAttempts = 10;

    private readonly TableClient table;

    public TableMeasurementRepository(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.Measurements));
    }

    public async Task SaveAsync(MeasurementRecord measurement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        var row = new TableEntity(TableKeys.RequireSafe(measurement.AgreementId, nameof(measurement)), measurement.Label)
        {
            [Columns.Outcome] = measurement.Outcome.ToString(),
            [Columns.Breaches] = string.Join(',', measurement.Breaches),
            [Columns.MeasuredAt] = measurement.MeasuredAt,
        };
        if (measurement.Values is { } values)
        {
            row[Columns.SelfSufficiencyRate] = EntityValues.Format(values.SelfSufficiencyRate);
            row[Columns.ResourceDrawDkk] = EntityValues.Format(values.ResourceDrawDkk);
            row[Columns.TaxPaidDkk] = EntityValues.Format(values.TaxPaidDkk);
            row.SetOptional(Columns.WellBeingScore, values.WellBeingScore);
        }

        row.SetOptional(Columns.Source, measurement.Source is { } source ? JsonSerializer.Serialize(source) : null);

        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The agreement's measurements in milestone order.</summary>
    public async Task<IReadOnlyList<MeasurementRecord>> ListAsync(string agreementId, CancellationToken cancellationToken)
    {
        var rows = await table.ListPartitionAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), cancellationToken).ConfigureAwait(false);
        return rows.Select(FromEntity).OrderBy(measurement => measurement.Milestone).ThenBy(measurement => measurement.ExtensionMonths ?? 0).ToList();
    }

    /// <summary>Every row of the table in one query (the SDK follows its continuation tokens, 1,000 rows a page).</summary>
    public async IAsyncEnumerable<MeasurementRecord> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(filter: (string?)null, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(row);
        }
    }

    /// <summary>Removes the indicator values of every measurement; outcome and breach codes stay.</summary>
    public async Task EraseValuesAsync(string agreementId, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                foreach (var row in await table.ListPartitionAsync(id, cancellationToken).ConfigureAwait(false))
                {
                    // '|' rather than '||': every value column must go.
                    if (row.Remove(Columns.SelfSufficiencyRate) | row.Remove(Columns.ResourceDrawDkk) | row.Remove(Columns.TaxPaidDkk) | row.Remove(Columns.WellBeingScore))
                    {
                        // Replace (a merge cannot remove columns), and only the version read here.
                        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    }
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is TableOperations.PreconditionFailed or TableOperations.NotFound && attempt < MaxEraseAttempts)
            {
                // A measurement was saved or removed meanwhile: read the partition again.
            }
        }
    }

    private static MeasurementRecord FromEntity(TableEntity row)
    {
        var extended = Extension.TryParse(row.RowKey, out var milestone, out var months);
        return Read(row, extended ? milestone : EntityValues.ParseEnum<Milestone>(row, "RowKey", row.RowKey)) with
        {
            ExtensionMonths = extended ? months : null,
        };
    }

    private static MeasurementRecord Read(TableEntity row, Milestone milestone) => new(
        row.PartitionKey,
        milestone,
        row.RequiredEnum<MeasurementOutcome>(Columns.Outcome),
        ParseBreaches(row),
        row.OptionalString(Columns.SelfSufficiencyRate) is null
            ? null
            : new IndicatorValues(
                row.RequiredDecimal(Columns.SelfSufficiencyRate),
                row.RequiredDecimal(Columns.ResourceDrawDkk),
                row.RequiredDecimal(Columns.TaxPaidDkk),
                row.GetInt32(Columns.WellBeingScore)),
        row.RequiredInstant(Columns.MeasuredAt))
    {
        Source = row.NonEmptyString(Columns.Source) is { } source ? JsonSerializer.Deserialize<IndicatorProvenance>(source) : null,
    };

    private static Breach[] ParseBreaches(TableEntity row) =>
        row.NonEmptyString(Columns.Breaches) is { } text
            ? text.Split(',').Select(name => EntityValues.ParseEnum<Breach>(row, Columns.Breaches, name)).ToArray()
            : [];

    private static class Columns
    {
        public const string Outcome = "Outcome";
        public const string Breaches = "Breaches";
        public const string MeasuredAt = "MeasuredAt";
        public const string SelfSufficiencyRate = "SelfSufficiencyRate";
        public const string ResourceDrawDkk = "ResourceDrawDkk";
        public const string TaxPaidDkk = "TaxPaidDkk";
        public const string Source = "Source";
        public const string WellBeingScore = "WellBeingScore";
    }
}
