namespace Mobilitet.Workflows.Indicators;

/// <summary>The arithmetic behind the indicators (DESIGN §1), kept pure so it can be tested on its own.</summary>
public static class IndicatorMath
{
    /// <summary>
    /// Share of weeks in a window without public income-replacement benefits (DREAM-style weekly
    /// data): 1.0 is fully self-supporting.
    /// </summary>
    public static decimal SelfSufficiencyRate(int weeksWithBenefits, int weeksInWindow)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weeksInWindow);
        ArgumentOutOfRangeException.ThrowIfNegative(weeksWithBenefits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weeksWithBenefits, weeksInWindow);
        return (weeksInWindow - weeksWithBenefits) / (decimal)weeksInWindow;
    }

    /// <summary>Scales an amount observed over <paramref name="months"/> months to DKK per year.</summary>
    public static decimal Annualise(decimal amountDkk, int months)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        return amountDkk * 12m / months;
    }

    /// <summary>Resource draw: transfer incomes plus attributable service costs.</summary>
    public static decimal ResourceDraw(decimal transferIncomesDkk, decimal serviceCostsDkk) =>
        transferIncomesDkk + serviceCostsDkk;

    /// <summary>Net contribution to public budgets (Finansministeriet's nettobidrag): taxes paid minus resource draw.</summary>
    public static decimal NetContribution(decimal taxPaidDkk, decimal resourceDrawDkk) => taxPaidDkk - resourceDrawDkk;
}
