using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>
/// Every measurement and every escalation read as one table query (what the effect dashboard aggregates), not one
/// read per agreement: 1,200 measurement rows come back in two requests of up to 1,000 rows.
/// </summary>
public sealed class ReadAllTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private const int Agreements = 400;

    private TableServiceClient CountingClient(TableReadCounter counter)
    {
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return new TableServiceClient(Azurite.ConnectionString, options);
    }

    [Fact]
    public async Task All_measurements_of_all_agreements_are_read_in_one_paged_query()
    {
        var ids = Enumerable.Range(0, Agreements).Select(_ => AgreementIds.New()).ToList();
        var saved = ids.SelectMany(id => Milestones.InOrder.Select(milestone => milestone == Milestone.M36
                ? new MeasurementRecord(id, milestone, MeasurementOutcome.MissingData, [], null, Samples.Created.AddMonths(36))
                : new MeasurementRecord(id, milestone, MeasurementOutcome.BelowThreshold, [Breach.ResourceDrawAboveMaximum], new IndicatorValues(0.5m, 100_000m, 20_000m), Samples.Created.AddMonths((int)milestone))))
            .ToList();
        var measurements = Get<IMeasurementRepository>();
        await Parallel.ForEachAsync(saved, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (measurement, ct) => await measurements.SaveAsync(measurement, ct));

        var counter = new TableReadCounter();
        var reader = new TableMeasurementRepository(CountingClient(counter), Get<IOptions<StorageOptions>>());
        var read = new List<MeasurementRecord>();
        await foreach (var measurement in reader.ReadAllAsync(None))
        {
            read.Add(measurement);
        }

        Assert.Equal(saved.Count, read.Count);
        Assert.Equal(
            saved.OrderBy(m => m.AgreementId, StringComparer.Ordinal).ThenBy(m => m.Milestone).Select(m => (m.AgreementId, m.Milestone, m.Outcome, m.Values)),
            read.OrderBy(m => m.AgreementId, StringComparer.Ordinal).ThenBy(m => m.Milestone).Select(m => (m.AgreementId, m.Milestone, m.Outcome, m.Values)));
        Assert.Equal((2, saved.Count), (counter.Requests, counter.RowsRead));
    }

    [Fact]
    public async Task All_escalations_of_all_agreements_are_read_in_one_query()
    {
        var saved = Enumerable.Range(0, 20).Select(_ => Samples.Escalation(AgreementIds.New())).ToList();
        foreach (var escalation in saved)
        {
            await Get<IEscalationRepository>().SaveAsync(escalation, None);
        }

        var counter = new TableReadCounter();
        var reader = new TableEscalationRepository(CountingClient(counter), Get<IOptions<StorageOptions>>());
        var read = new List<EscalationRecord>();
        await foreach (var escalation in reader.ReadAllAsync(None))
        {
            read.Add(escalation);
        }

        Assert.Equal(saved.OrderBy(e => e.EscalationId, StringComparer.Ordinal), read.OrderBy(e => e.EscalationId, StringComparer.Ordinal));
        Assert.Equal(1, counter.Requests);
    }
}
