using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Indicator values entered by hand, in memory; a milestone without values is one whose data is missing (unless register rows cover it).</summary>
public sealed class InMemoryIndicatorStore : IIndicatorStore
{
    private readonly Dictionary<(string AgreementId, Milestone Milestone), ManualIndicators> values = [];
    private readonly Lock gate = new();

    public Task<ManualIndicators?> FindAsync(string agreementId, Milestone milestone, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(values.GetValueOrDefault((agreementId, milestone)));
        }
    }

    public Task SaveAsync(string agreementId, Milestone milestone, ManualIndicators entry, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            values[(agreementId, milestone)] = entry;
        }

        return Task.CompletedTask;
    }

    /// <summary>Values a test caseworker entered now.</summary>
    public Task SaveAsync(string agreementId, Milestone milestone, IndicatorValues values, CancellationToken cancellationToken) =>
        SaveAsync(agreementId, milestone, new ManualIndicators(values, Caseworker, DateTimeOffset.UtcNow), cancellationToken);

    /// <summary>Who the test's entries are from.</summary>
    public const string Caseworker = "caseworker-test";

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
