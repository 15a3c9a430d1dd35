using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Registers;

/// <summary>
/// Measures one person's window from register rows (DESIGN §1), pure and deterministic:
/// <list type="bullet">
/// <item>Rows are first resolved by <see cref="NewerUploadWins"/>, so overlapping uploads never count twice.</item>
/// <item>Amounts: each amount row that overlaps the window counts pro rata by its days in the window
/// (amount × days in window ÷ days in period). The sums are scaled from the days the rows cover to the whole window
/// and annualised by the window's months (× 12 ÷ months, <see cref="IndicatorMath.Annualise"/>): a fully covered
/// window gives exactly what a caseworker entering the window's totals would.</item>
/// <item>Coverage: the share of the window's days (amounts) or ISO weeks (weekly data) that rows cover. Below
/// <c>minimumCoverage</c> the data counts as missing: the window is not guessed from a sliver of it.</item>
/// <item>Self-sufficiency: from weekly data when it covers the window (weeks without a support code ÷ the window's
/// weeks that have data; a week is the window's when its Monday–Sunday has a day in it), otherwise from the amount rows
/// (1 − weeks on support ÷ weeks in period, both pro rata).</item>
/// <item>Rounding, once at the end: amounts to whole øre, the rate to 4 decimals, both half away from zero.</item>
/// </list>
/// </summary>
public static class RegisterIndicators
{
    /// <summary>The coverage below which a window's data counts as missing, unless a caller says otherwise: about a week of a 3-month window may be absent.</summary>
    public const decimal DefaultMinimumCoverage = 0.9m;

    public static RegisterMeasurement Measure(
        IndicatorWindow window,
        IEnumerable<AmountRow> amountRows,
        IEnumerable<SupportWeek> weeks,
        decimal minimumCoverage = DefaultMinimumCoverage)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(amountRows);
        ArgumentNullException.ThrowIfNull(weeks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window.Days);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumCoverage);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumCoverage, 1m);

        var rows = NewerUploadWins.Amounts(amountRows);
        var supportWeeks = NewerUploadWins.Weeks(weeks);
        if (rows.Select(row => row.Person).Concat(supportWeeks.Select(week => week.Person)).Distinct().Count() > 1)
        {
            throw new ArgumentException("Register rows of more than one person were given for one measurement.", nameof(amountRows));
        }

        var contributions = new List<RowContribution>();
        var amounts = SumAmounts(window, rows, contributions);
        var amountCoverage = amounts.CoveredDays / (decimal)window.Days;
        var weekly = CountWeeks(window, supportWeeks);

        decimal? rate = null;
        var source = SelfSufficiencySource.None;
        if (weekly.Coverage >= minimumCoverage)
        {
            rate = (weekly.WeeksWithData - weekly.WeeksOnSupport) / (decimal)weekly.WeeksWithData; // coverage > 0: some weeks have data
            source = SelfSufficiencySource.Weeks;
            contributions.AddRange(weekly.Contributions);
        }
        else if (amountCoverage >= minimumCoverage)
        {
            rate = 1m - (amounts.WeeksOnSupport / amounts.WeeksInPeriod);
            source = SelfSufficiencySource.Amounts;
        }

        var values = amountCoverage >= minimumCoverage && rate is { } r
            ? new IndicatorValues(
                SelfSufficiencyRate: Math.Round(r, 4, MidpointRounding.AwayFromZero),
                ResourceDrawDkk: Annualise(IndicatorMath.ResourceDraw(amounts.Transfers, amounts.ServiceCosts), window, amounts.CoveredDays),
                TaxPaidDkk: Annualise(amounts.TaxPaid, window, amounts.CoveredDays))
            : null;

        return new RegisterMeasurement(window, values, values is null ? SelfSufficiencySource.None : source, amountCoverage, weekly.Coverage, contributions);
    }

    private static decimal Annualise(decimal sum, IndicatorWindow window, int coveredDays)
    {
        var wholeWindow = coveredDays == window.Days ? sum : sum * window.Days / coveredDays;
        return Math.Round(IndicatorMath.Annualise(wholeWindow, window.Months), 2, MidpointRounding.AwayFromZero);
    }

    private sealed record AmountSums(
        int CoveredDays, decimal Transfers, decimal ServiceCosts, decimal TaxPaid, decimal WeeksOnSupport, decimal WeeksInPeriod);

    private static AmountSums SumAmounts(IndicatorWindow window, IReadOnlyList<AmountRow> rows, List<RowContribution> contributions)
    {
        var covered = new bool[window.Days];
        decimal transfers = 0m, serviceCosts = 0m, taxPaid = 0m, weeksOnSupport = 0m, weeksInPeriod = 0m;
        foreach (var row in rows)
        {
            var days = window.OverlapDays(row.PeriodStart, row.PeriodEnd);
            if (days == 0)
            {
                continue;
            }

            // Multiply before dividing: a row wholly inside the window counts exactly.
            transfers += row.TransfersDkk * days / row.Days;
            serviceCosts += row.ServiceCostsDkk * days / row.Days;
            taxPaid += row.TaxPaidDkk * days / row.Days;
            weeksOnSupport += row.WeeksOnSupport * days / row.Days;
            weeksInPeriod += row.WeeksInPeriod * days / row.Days;

            var first = Math.Max(row.PeriodStart.DayNumber, window.Start.DayNumber) - window.Start.DayNumber;
            Array.Fill(covered, true, first, days);
            contributions.Add(new RowContribution(row.Source, ExtractFormat.Amounts, days));
        }

        return new AmountSums(covered.Count(day => day), transfers, serviceCosts, taxPaid, weeksOnSupport, weeksInPeriod);
    }

    private sealed record WeekCounts(decimal Coverage, int WeeksWithData, int WeeksOnSupport, IReadOnlyList<RowContribution> Contributions);

    private static WeekCounts CountWeeks(IndicatorWindow window, IReadOnlyList<SupportWeek> weeks)
    {
        var windowWeeks = window.Weeks().ToHashSet();
        var inWindow = weeks.Where(week => windowWeeks.Contains(week.Week)).ToList();
        var contributions = inWindow
            .GroupBy(week => week.Source)
            .Select(group => new RowContribution(
                group.Key, ExtractFormat.Weekly, group.Sum(week => window.OverlapDays(week.Week.Monday, week.Week.Sunday))))
            .ToList();
        return new WeekCounts(
            inWindow.Count / (decimal)windowWeeks.Count,
            inWindow.Count,
            inWindow.Count(week => week.OnSupport),
            contributions);
    }
}
