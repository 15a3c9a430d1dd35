using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Effects;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Hosting.Queries;

/// <summary>
/// Reads what the effect dashboard aggregates and hands it to <see cref="EffectAggregation"/>: the agreements of each
/// municipality covered (one partition query each, side by side), and every measurement and every escalation in one
/// table query each (<see cref="IMeasurementRepository.ReadAllAsync"/>), keeping only the rows of those agreements
/// as they stream in — so the cost is a few paged queries, not a read per agreement. The three reads run together.
/// </summary>
public sealed class EffectQuery(IAgreementRepository agreements, IMeasurementRepository measurements, IEscalationRepository escalations)
{
    public async Task<EffectReport> ReadAsync(EffectFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var lists = await Task.WhenAll(filter.Municipalities.Select(code => agreements.ListAsync(code, null, cancellationToken)));
        var covered = lists.SelectMany(list => list).ToList();
        var ids = covered.Select(agreement => agreement.AgreementId).ToHashSet(StringComparer.Ordinal);

        var measured = measurements.ReadAllAsync(cancellationToken).CollectAsync(measurement => measurement.ExtensionMonths is null && ids.Contains(measurement.AgreementId)); // milestones only: an extension is not a milestone's effect
        var escalated = escalations.ReadAllAsync(cancellationToken).CollectAsync(escalation => ids.Contains(escalation.AgreementId));
        return EffectAggregation.Build(covered, await measured, await escalated, filter);
    }
}
