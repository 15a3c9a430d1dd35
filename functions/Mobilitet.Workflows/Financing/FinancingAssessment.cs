using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Financing;

/// <summary>Whether a request can be approved without a human, and why not.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FinancingAssessment>))]
public enum FinancingAssessment
{
    AutoApprove,
    AmountAboveAutoApprovalLimit,
    GainBelowRequiredRatio,
}

public static class FinancingAssessor
{
    /// <summary>Auto-approval inside the instrument's limits: amount ≤ its limit and projected gain ≥ its multiple × amount.</summary>
    public static FinancingAssessment Assess(FinancingInstrument instrument, BusinessCase businessCase)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(businessCase);
        if (businessCase.RequestedDkk > instrument.AutoApprovalMaxDkk)
        {
            return FinancingAssessment.AmountAboveAutoApprovalLimit;
        }

        return businessCase.ProjectedGain36Dkk >= instrument.RequiredGainMultiple * businessCase.RequestedDkk
            ? FinancingAssessment.AutoApprove
            : FinancingAssessment.GainBelowRequiredRatio;
    }
}
