using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Indicator values in memory; a milestone without values is one whose data is missing.</summary>
public sealed class InMemoryIndicatorStore : IIndicatorStore
{
    private readonly Dictionary<(string AgreementId, Milestone Milestone), IndicatorValues> values = [];
    private readonly Lock gate = new();

    public Task<IndicatorValues?> FindAsync(string agreementId, Milestone milestone, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(values.GetValueOrDefault((agreementId, milestone)));
        }
    }

    public Task SaveAsync(string agreementId, Milestone milestone, IndicatorValues values, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            this.values[(agreementId, milestone)] = values;
        }

        return Task.CompletedTask;
    }

    public Task EraseAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var key in values.Keys.Where(key => key.AgreementId == agreementId).ToList())
            {
                values.Remove(key);
            }
        }

        return Task.CompletedTask;
    }
}
