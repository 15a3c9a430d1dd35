using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Retention;

/// <summary>
/// The anonymous record of an agreement's outcome that stays on its read-model row when its personal data is erased at
/// the end of the retention period: exactly what the statistics (effect dashboard, financing portfolio) computed from the
/// baseline and the measurement values that the erasure removes, so their figures are the same before and after.
/// Numbers only: no CPR, no name, no person key, no free text, no indicator value of the person (differences only).
/// Status, municipality, housing area, direction, dates and amounts stay on the row as they were.
/// </summary>
/// <param name="Milestones">Per milestone measured with values: its outcome and change from the baseline.</param>
/// <param name="ProjectedGain36Dkk">The business case's projected 36-month gain when financing was paid; else null.</param>
/// <param name="Settlement">What the financing settles to on what was measured, when it was paid and no settlement was kept at the end (agreements before workflow 1.5); else null.</param>
public sealed record RetainedOutcome(IReadOnlyList<MilestoneChange> Milestones, decimal? ProjectedGain36Dkk, SettlementSummary? Settlement)
{
    /// <summary>The outcome of <paramref name="agreement"/> as the statistics read it now, from its baseline and <paramref name="measurements"/>.</summary>
    public static RetainedOutcome Of(AgreementRecord agreement, IEnumerable<MeasurementRecord> measurements)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(measurements);
        var list = measurements.Where(measurement => measurement.AgreementId == agreement.AgreementId).ToList();
        var changes = list
            .Select(measurement => MilestoneChange.Of(agreement.Baseline, measurement))
            .OfType<MilestoneChange>()
            .OrderBy(change => change.Milestone)
            .ToList();
        var figures = PortfolioAggregation.FiguresOf(agreement, list);
        return new RetainedOutcome(changes, figures.ProjectedGain36Dkk, agreement.Settlement is null ? figures.Settled : null);
    }
}
