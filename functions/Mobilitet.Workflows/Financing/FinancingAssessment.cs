using System.Text.Json.Serialization;
using Mobilitet.Workflows.Policies;

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
    /// <summary>Auto-approval inside the policy's limits: amount ≤ limit and projected gain ≥ ratio × amount.</summary>
    public static FinancingAssessment Assess(FinancingRules rules, BusinessCase businessCase)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(businessCase);
        if (businessCase.RequestedDkk > rules.AutoApprovalMaxDkk)
        {
            return FinancingAssessment.AmountAboveAutoApprovalLimit;
        }

        return businessCase.ProjectedGain36Dkk >= rules.MinGainToRequestedRatio * businessCase.RequestedDkk
            ? FinancingAssessment.AutoApprove
            : FinancingAssessment.GainBelowRequiredRatio;
    }
}
