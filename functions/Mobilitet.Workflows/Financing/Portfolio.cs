using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Effects;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Financing;

/// <summary>
/// The money of one group of agreements: an instrument in a municipality, or an instrument's total (Municipality null).
/// Every figure is null when the group is suppressed (fewer than 5 agreements, or worked out from others: <see cref="Suppression"/>).
/// </summary>
/// <param name="Agreements">How many agreements the group holds (null: suppressed).</param>
/// <param name="ByStatus">Agreements per status (0 included); a status whose count is suppressed is absent.</param>
/// <param name="CommittedDkk">Approved financing (the approved amount; an automatic approval is the requested amount).</param>
/// <param name="PaidDkk">Committed financing of agreements whose move is recorded: the instrument pays at the move.</param>
/// <param name="ProjectedGainDkk">The business cases' 36-month gain of the paid agreements.</param>
/// <param name="RealisedGainDkk">The gain realised so far by the paid agreements, settled on what has been measured (<see cref="Settlement"/>).</param>
/// <param name="OutcomePaymentsDueDkk">Outcome payments of the paid agreements that have ended (completed, cancelled or withdrawn).</param>
/// <param name="WrittenOffDkk">The amounts the ended paid agreements did not recover.</param>
public sealed record PortfolioGroup(
    string Instrument,
    string? Municipality,
    int? Agreements,
    IReadOnlyDictionary<AgreementStatus, int> ByStatus,
    decimal? CommittedDkk,
    decimal? PaidDkk,
    decimal? ProjectedGainDkk,
    decimal? RealisedGainDkk,
    decimal? OutcomePaymentsDueDkk,
    decimal? WrittenOffDkk)
{
    public bool Suppressed => Agreements is null;
}

/// <summary>The portfolio: per instrument and municipality, and per instrument over the municipalities asked for.</summary>
public sealed record PortfolioReport(IReadOnlyList<PortfolioGroup> Groups, IReadOnlyList<PortfolioGroup> InstrumentTotals);

/// <summary>
/// Builds the financing portfolio from the read model (pure: no storage, no clock). No personal data goes in or out:
/// amounts, statuses, codes and counts. Groups of fewer than <see cref="Suppression.Threshold"/> agreements, and groups
/// that could be worked out from others, are suppressed by the effect dashboard's rule over the dimensions
/// instrument × municipality × status.
/// </summary>
public static class PortfolioAggregation
{
    public static PortfolioReport Build(IEnumerable<AgreementRecord> agreements, IEnumerable<MeasurementRecord> measurements, IReadOnlySet<string> municipalities)
    {
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(municipalities);

        var covered = agreements.Where(agreement => municipalities.Contains(agreement.MunicipalityCode)).ToList();
        var measured = measurements
            .GroupBy(measurement => measurement.AgreementId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
        var facts = covered.Select(agreement => Facts.Of(agreement, measured.GetValueOrDefault(agreement.AgreementId) ?? [])).ToList();
        var suppression = Suppression.Compute(
            facts.Select(fact => (fact.Agreement.AgreementId, (IReadOnlyList<string>)[fact.Instrument, fact.Agreement.MunicipalityCode, fact.Agreement.Status.ToString()])),
            dimensions: 3);

        var groups = facts
            .GroupBy(fact => (fact.Instrument, fact.Agreement.MunicipalityCode))
            .OrderBy(group => group.Key.Instrument, StringComparer.Ordinal).ThenBy(group => group.Key.MunicipalityCode, StringComparer.Ordinal)
            .Select(group => Group(group.Key.Instrument, group.Key.MunicipalityCode, [.. group], suppression))
            .ToList();
        var totals = facts
            .GroupBy(fact => fact.Instrument)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => Group(group.Key, null, [.. group], suppression))
            .ToList();
        return new PortfolioReport(groups, totals);
    }

    private static PortfolioGroup Group(string instrument, string? municipality, IReadOnlyList<Facts> facts, Suppression suppression)
    {
        if (!suppression.IsShown([instrument, municipality, null]))
        {
            return new PortfolioGroup(instrument, municipality, null, new Dictionary<AgreementStatus, int>(), null, null, null, null, null, null);
        }

        // Every status, 0 where the group has none; a count that is suppressed is left out.
        var byStatus = Enum.GetValues<AgreementStatus>()
            .Where(status => suppression.IsShown([instrument, municipality, status.ToString()]))
            .ToDictionary(status => status, status => facts.Count(fact => fact.Agreement.Status == status));
        var paid = facts.Where(fact => fact.Paid).ToList();
        var ended = paid.Where(fact => fact.Agreement.Status.IsFinal() && fact.Settled is not null).ToList();
        return new PortfolioGroup(
            instrument,
            municipality,
            facts.Count,
            byStatus,
            facts.Sum(fact => fact.CommittedDkk),
            paid.Sum(fact => fact.CommittedDkk),
            paid.Sum(fact => fact.ProjectedGain36Dkk ?? 0m),
            paid.Sum(fact => fact.Settled?.RealisedGainDkk ?? 0m),
            ended.Sum(fact => fact.Settled!.OutcomePaymentDkk),
            ended.Sum(fact => fact.Settled!.WrittenOffDkk));
    }

    /// <summary>
    /// The figures of one agreement the portfolio sums beside its amounts, computed from its baseline and milestone
    /// measurements: the projected 36-month gain of a paid agreement, and what it settles to (the settlement kept when it
    /// ended, workflow 1.5 on; else computed on what has been measured). Null where nothing was paid or the baseline is
    /// gone. Once an agreement's personal data is erased at the end of its retention period these come from its
    /// <see cref="Retention.RetainedOutcome"/>, which was computed by this very method before the erasure.
    /// </summary>
    public static (decimal? ProjectedGain36Dkk, SettlementSummary? Settled) FiguresOf(AgreementRecord agreement, IEnumerable<MeasurementRecord> measurements)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(measurements);
        if (agreement.Baseline is null && agreement.Retained is { } retained)
        {
            return (retained.ProjectedGain36Dkk, agreement.Settlement ?? retained.Settlement);
        }

        var instrument = agreement.Instrument();
        var committed = agreement.CommittedDkk();
        if (!agreement.IsPaid())
        {
            return (null, null);
        }

        // An erased baseline (after a withdrawal) leaves the money and the settlement kept at the end, not the projections.
        var baseline = agreement.Baseline;
        var projected = baseline is not null
            ? BusinessCase.Project(PolicyCatalog.Get(agreement.PolicyName), instrument, baseline, committed).ProjectedGain36Dkk
            : (decimal?)null;
        if (agreement.Settlement is { } kept)
        {
            return (projected, kept);
        }

        if (baseline is null)
        {
            return (projected, null);
        }

        return (projected, SettlementSummary.Of(Settlement.Compute(instrument, committed, baseline, Settlement.MilestoneValues(measurements)), default));
    }

    private sealed record Facts(AgreementRecord Agreement, string Instrument, decimal CommittedDkk, bool Paid, decimal? ProjectedGain36Dkk, SettlementSummary? Settled)
    {
        public static Facts Of(AgreementRecord agreement, IReadOnlyList<MeasurementRecord> measurements)
        {
            var (projected, settled) = FiguresOf(agreement, measurements);
            return new Facts(agreement, agreement.Instrument().Name, agreement.CommittedDkk(), agreement.IsPaid(), projected, settled);
        }
    }
}
