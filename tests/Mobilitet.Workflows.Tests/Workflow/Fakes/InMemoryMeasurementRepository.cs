using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Measurements in memory, one per agreement and milestone (measuring again replaces it).</summary>
public sealed class InMemoryMeasurementRepository : IMeasurementRepository
{
    private readonly Dictionary<(string AgreementId, Milestone Milestone), MeasurementRecord> rows = [];
    private readonly Lock gate = new();

    public Task SaveAsync(MeasurementRecord measurement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        lock (gate)
        {
            rows[(measurement.AgreementId, measurement.Milestone)] = measurement;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MeasurementRecord>> ListAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<MeasurementRecord> list = [.. rows.Values.Where(row => row.AgreementId == agreementId).OrderBy(row => row.Milestone)];
            return Task.FromResult(list);
        }
    }

    public async IAsyncEnumerable<MeasurementRecord> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<MeasurementRecord> all;
        lock (gate)
        {
            all = [.. rows.Values];
        }

        foreach (var row in all)
        {
            await Task.Yield();
            yield return row;
        }
    }

    public Task EraseValuesAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var key in rows.Keys.Where(key => key.AgreementId == agreementId).ToList())
            {
                rows[key] = rows[key] with { Values = null };
            }
        }

        return Task.CompletedTask;
    }
}
