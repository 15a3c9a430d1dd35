using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Financing;

/// <summary>
/// The transparent business case behind the financing instrument: the public-budget gain the move
/// is projected to produce over 36 months, from the resident's own baseline taxes and transfers
/// and the policy's M36 targets. The formula is documented in functions/Mobilitet.Workflows/README.md.
/// </summary>
public sealed record BusinessCase(
    decimal RequestedDkk,
    decimal TargetSelfSufficiencyRate,
    decimal TargetResourceDrawDkk,
    decimal AnnualTransferSavingDkk,
    decimal AnnualTaxGainDkk,
    decimal ProjectedGain36Dkk)
{
    /// <summary>
    /// Gains are assumed to build up linearly from the move to the M36 target, so 36 months of
    /// gains are worth 1.5 years at the target level (the area of the ramp: 3 years × ½).
    /// </summary>
    public const decimal RampYears = 1.5m;

    public decimal AnnualGainDkk => AnnualTransferSavingDkk + AnnualTaxGainDkk;

    /// <summary>Projected gain divided by the requested amount (0 when nothing is requested).</summary>
    public decimal GainToRequestedRatio => RequestedDkk == 0 ? 0 : ProjectedGain36Dkk / RequestedDkk;

    public static BusinessCase Project(LifecyclePolicy policy, IndicatorValues baseline, decimal requestedDkk)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(baseline);
        var target = policy.RuleFor(Milestone.M36);

        var rate = baseline.SelfSufficiencyRate;
        var targetRate = Math.Clamp(rate + target.MinSelfSufficiencyChange, 0m, 1m);
        var targetDraw = baseline.ResourceDrawDkk * target.MaxResourceDrawFactor;

        // Transfers fall to the M36 target; a draw that may grow is no saving.
        var transferSaving = Math.Max(0m, baseline.ResourceDrawDkk - targetDraw);

        // Taxes grow with the share of self-supporting weeks: the baseline tax per self-supporting
        // year (taxPaid / rate) times the rise in the rate. With no self-supporting weeks at
        // baseline there is no observed tax base, and the case counts no tax gain (conservative).
        var taxGain = rate > 0m ? baseline.TaxPaidDkk / rate * (targetRate - rate) : 0m;

        var gain36 = Math.Round((transferSaving + Math.Max(0m, taxGain)) * RampYears, 0, MidpointRounding.ToZero);
        return new BusinessCase(requestedDkk, targetRate, targetDraw, transferSaving, Math.Max(0m, taxGain), gain36);
    }
}
