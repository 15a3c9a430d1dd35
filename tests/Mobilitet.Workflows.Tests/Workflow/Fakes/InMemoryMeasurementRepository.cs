using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Measurements in memory, one per agreement and label, a milestone or an extension of it (measuring again replaces it).</summary>
public sealed class InMemoryMeasurementRepository : IMeasurementRepository
{
    private readonly Dictionary<(string AgreementId, string Label), MeasurementRecord> rows = [];
    private readonly Lock gate = new();

    public Task SaveAsync(MeasurementRecord measurement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        lock (gate)
        {
            rows[(measurement.AgreementId, measurement.Label)] = measurement;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MeasurementRecord>> ListAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<MeasurementRecord> list = [.. rows.Values.Where(row => row.AgreementId == agreementId).OrderBy(row => row.Milestone).ThenBy(row => row.ExtensionMonths ?? 0)];
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
