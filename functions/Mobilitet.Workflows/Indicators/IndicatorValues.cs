namespace Mobilitet.Workflows.Indicators;

/// <summary>
/// The indicators of one window, annualised: self-sufficiency rate (0–1), resource draw (DKK per
/// year: transfer incomes plus attributable service costs) and taxes paid (DKK per year); under a policy with a
/// well-being check-in also the resident's answer (1–5; null when they did not answer).
/// </summary>
public sealed record IndicatorValues(decimal SelfSufficiencyRate, decimal ResourceDrawDkk, decimal TaxPaidDkk, int? WellBeingScore = null)
{
    /// <summary>Net contribution to public budgets: taxes paid minus resource draw (DKK per year).</summary>
    public decimal NetContributionDkk => IndicatorMath.NetContribution(TaxPaidDkk, ResourceDrawDkk);
}
