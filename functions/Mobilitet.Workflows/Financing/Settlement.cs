using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Financing;

/// <summary>
/// A stretch of the 36 months after the move, settled at the annual net contribution measured for it.
/// </summary>
/// <param name="FromMonth">First month after the move (0-based, included).</param>
/// <param name="ToMonth">Month it ends at (excluded).</param>
/// <param name="MeasuredBy">The milestone whose window it is; null for months 12–24, which no milestone measures.</param>
/// <param name="NetContributionDkk">The annual net contribution for the stretch (for months 12–24: the mean of M12's and M36's).</param>
/// <param name="GainDkk">(Net contribution − the baseline's) × the stretch's length in years.</param>
public sealed record SettlementPeriod(int FromMonth, int ToMonth, Milestone? MeasuredBy, decimal NetContributionDkk, decimal GainDkk);

/// <summary>
/// What the instrument settles to, from the gains actually realised. Computed when the last milestone (M36) is measured,
/// and for an agreement that ends early from what was measured until then (docs/financing.md, "Settlement"):
/// <list type="bullet">
/// <item>each measured window (M3: months 0–3, M12: 3–12, M36: 24–36) counts at its own net contribution;</item>
/// <item>months 12–24 are measured by no milestone: they count at the mean of M12's and M36's net contribution, only when both exist;</item>
/// <item>an agreement that ends early is settled on the stretch from the move up to the first month not measured —
///   nothing is extrapolated, so a gap ends what counts.</item>
/// </list>
/// </summary>
public sealed record Settlement(
    string InstrumentName,
    decimal FinancedDkk,
    decimal BaselineNetContributionDkk,
    IReadOnlyList<SettlementPeriod> Periods,
    decimal RealisedGainDkk,
    decimal OutcomePaymentDkk,
    decimal WrittenOffDkk)
{
    /// <summary>Months after the move the settlement covers (36 when complete).</summary>
    public int MonthsSettled => Periods.Count == 0 ? 0 : Periods[^1].ToMonth;

    /// <summary>Whether all 36 months are settled (false: the agreement ended early or data is missing).</summary>
    public bool Complete => MonthsSettled == 36;

    /// <summary>
    /// The values a settlement counts, by milestone: the milestones' own measurements with values. An extra measurement
    /// (an extension) checks on the resident but settles nothing: the windows are the milestones'.
    /// </summary>
    public static IReadOnlyDictionary<Milestone, IndicatorValues> MilestoneValues(IEnumerable<MeasurementRecord> measurements) =>
        measurements
            .Where(measurement => measurement.Values is not null && measurement.ExtensionMonths is null)
            .ToDictionary(measurement => measurement.Milestone, measurement => measurement.Values!);

    public static Settlement Compute(FinancingInstrument instrument, decimal financedDkk, IndicatorValues baseline, IReadOnlyDictionary<Milestone, IndicatorValues> measured)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(measured);
        var baselineNet = baseline.NetContributionDkk;
        List<SettlementPeriod> periods = [];

        SettlementPeriod Period(int from, int to, Milestone? by, decimal net) => new(from, to, by, net, (net - baselineNet) * (to - from) / 12m);

        if (measured.TryGetValue(Milestone.M3, out var m3))
        {
            periods.Add(Period(0, 3, Milestone.M3, m3.NetContributionDkk));
            if (measured.TryGetValue(Milestone.M12, out var m12))
            {
                periods.Add(Period(3, 12, Milestone.M12, m12.NetContributionDkk));
                if (measured.TryGetValue(Milestone.M36, out var m36))
                {
                    periods.Add(Period(12, 24, null, (m12.NetContributionDkk + m36.NetContributionDkk) / 2m));
                    periods.Add(Period(24, 36, Milestone.M36, m36.NetContributionDkk));
                }
            }
        }

        var gain = periods.Sum(period => period.GainDkk);
        return new Settlement(
            instrument.Name,
            financedDkk,
            baselineNet,
            periods,
            gain,
            instrument.OutcomePaymentFor(financedDkk, gain),
            instrument.WrittenOffFor(financedDkk, gain));
    }
}
