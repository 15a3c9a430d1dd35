using System.Text.Json.Serialization;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Financing;

/// <summary>One of the three years after the move in a business case.</summary>
/// <param name="Year">1, 2 or 3.</param>
/// <param name="GainDkk">The public-budget gain projected for the year: the year's share of the ramp to the M36 level.</param>
/// <param name="NetContributionDkk">The resident's projected net contribution (taxes − transfers − service costs) in the year.</param>
/// <param name="CumulativeGainDkk">The gain from the move to the end of the year.</param>
public sealed record BusinessCaseYear(int Year, decimal GainDkk, decimal NetContributionDkk, decimal CumulativeGainDkk);

/// <summary>A named input of the business case, with where its value comes from ("policy:standard-v2", "instrument:...").</summary>
public sealed record BusinessCaseAssumption(string Name, decimal Value, string Source);

/// <summary>Whether the business case meets the instrument's required gain multiple.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FinancingRecommendation>))]
public enum FinancingRecommendation
{
    Recommended,
    NotRecommended,
}

/// <summary>
/// The transparent business case behind the financing instrument: the public-budget gain the move is projected to produce
/// over the 36 months after it, year by year, from the resident's own baseline taxes, transfers and service costs, the
/// policy's M36 targets and the model's ramp. The model and a worked example are in docs/financing.md. Amounts are exact
/// decimals; they are rounded only where they are shown (<see cref="Notifications.DanishFormat.Dkk"/>).
/// </summary>
public sealed record BusinessCase(
    decimal RequestedDkk,
    decimal TargetSelfSufficiencyRate,
    decimal TargetResourceDrawDkk,
    decimal AnnualTransferSavingDkk,
    decimal AnnualTaxGainDkk,
    decimal ProjectedGain36Dkk)
{
    /// <summary>The model's version: how the case is computed from its assumptions.</summary>
    public const string ModelName = "business-case-v2";

    /// <summary>
    /// Gains are assumed to build up linearly from the move to the M36 target, so 36 months of
    /// gains are worth 1.5 years at the target level (the area of the ramp: 3 years × ½).
    /// </summary>
    public const decimal RampYears = 1.5m;

    /// <summary>The instrument whose terms the case was judged by (null in cases stored before instruments).</summary>
    public string? InstrumentName { get; init; }

    /// <summary>The resident's net contribution in the baseline year (taxes − resource draw).</summary>
    public decimal BaselineNetContributionDkk { get; init; }

    /// <summary>The three years after the move.</summary>
    public IReadOnlyList<BusinessCaseYear> Years { get; init; } = [];

    /// <summary>The month after the move (1–36) by whose end the cumulative gain reaches the amount; null if not within 36 months.</summary>
    public int? PaybackMonth { get; init; }

    /// <summary>The gain the instrument requires: its multiple × the amount.</summary>
    public decimal RequiredGainDkk { get; init; }

    public FinancingRecommendation? Recommendation { get; init; }

    /// <summary>Every assumption the result rests on, with its name and where it comes from.</summary>
    public IReadOnlyList<BusinessCaseAssumption> Assumptions { get; init; } = [];

    public decimal AnnualGainDkk => AnnualTransferSavingDkk + AnnualTaxGainDkk;

    /// <summary>Projected gain divided by the requested amount (0 when nothing is requested).</summary>
    public decimal GainToRequestedRatio => RequestedDkk == 0 ? 0 : ProjectedGain36Dkk / RequestedDkk;

    public static BusinessCase Project(LifecyclePolicy policy, FinancingInstrument instrument, IndicatorValues baseline, decimal requestedDkk)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(instrument);
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
        var taxGain = Math.Max(0m, rate > 0m ? baseline.TaxPaidDkk / rate * (targetRate - rate) : 0m);
        var annualGain = transferSaving + taxGain;
        var gain36 = annualGain * RampYears;
        var requiredGain = instrument.RequiredGainMultiple * requestedDkk;

        return new BusinessCase(requestedDkk, targetRate, targetDraw, transferSaving, taxGain, gain36)
        {
            InstrumentName = instrument.Name,
            BaselineNetContributionDkk = baseline.NetContributionDkk,
            Years = YearsOf(annualGain, baseline.NetContributionDkk),
            PaybackMonth = PaybackMonthOf(annualGain, requestedDkk),
            RequiredGainDkk = requiredGain,
            Recommendation = gain36 >= requiredGain ? FinancingRecommendation.Recommended : FinancingRecommendation.NotRecommended,
            Assumptions =
            [
                new("m36-self-sufficiency-change", target.MinSelfSufficiencyChange, $"policy:{policy.Name}"),
                new("m36-resource-draw-factor", target.MaxResourceDrawFactor, $"policy:{policy.Name}"),
                new("ramp-years", RampYears, $"model:{ModelName}"),
                new("required-gain-multiple", instrument.RequiredGainMultiple, $"instrument:{instrument.Name}"),
                new("auto-approval-max-dkk", instrument.AutoApprovalMaxDkk, $"instrument:{instrument.Name}"),
                new("max-amount-dkk", instrument.MaxAmountDkk, $"instrument:{instrument.Name}"),
            ],
        };
    }

    /// <summary>
    /// The gain reached by the end of month <paramref name="month"/> after the move on the linear ramp: the rate of gain
    /// grows from 0 at the move to the annual gain at month 36, so by month m it has added annual × (m/12)² / 6.
    /// </summary>
    public static decimal CumulativeGainAt(decimal annualGainDkk, int month) => annualGainDkk * month * month / 864m;

    private static IReadOnlyList<BusinessCaseYear> YearsOf(decimal annualGain, decimal baselineNet) =>
        [.. Enumerable.Range(1, 3).Select(year =>
        {
            // Year y's share of the ramp: (2y − 1) / 6 of the annual gain at the M36 level (1/6, 3/6, 5/6).
            var gain = annualGain * (2 * year - 1) / 6m;
            return new BusinessCaseYear(year, gain, baselineNet + gain, CumulativeGainAt(annualGain, 12 * year));
        })];

    private static int? PaybackMonthOf(decimal annualGain, decimal amount)
    {
        for (var month = 1; month <= 36; month++)
        {
            if (CumulativeGainAt(annualGain, month) >= amount)
            {
                return month;
            }
        }

        return null;
    }
}
