namespace Mobilitet.Workflows.Indicators;

/// <summary>
/// The indicators of one window, annualised: self-sufficiency rate (0–1), resource draw (DKK per
/// year: transfer incomes plus attributable service costs) and taxes paid (DKK per year).
/// </summary>
public sealed record IndicatorValues(decimal SelfSufficiencyRate, decimal ResourceDrawDkk, decimal TaxPaidDkk)
{
    /// <summary>Net contribution to public budgets: taxes paid minus resource draw (DKK per year).</summary>
    public decimal NetContributionDkk => IndicatorMath.NetContribution(TaxPaidDkk, ResourceDrawDkk);
}
