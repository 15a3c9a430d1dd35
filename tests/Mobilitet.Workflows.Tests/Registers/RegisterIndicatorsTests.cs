using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Registers;
using static Mobilitet.Workflows.Tests.Registers.Extracts;

namespace Mobilitet.Workflows.Tests.Registers;

public sealed class RegisterIndicatorsTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>A row per calendar month of 2027 from January, 100 kr. transfers and 10 kr. tax per day.</summary>
    private static IReadOnlyList<AmountRow> Daily100(int months, decimal weeksOnSupport = 0m, string uploadId = "upload-1") =>
        Enumerable.Range(0, months).Select(i =>
        {
            var start = D(2027, 1, 1).AddMonths(i);
            var end = start.AddMonths(1).AddDays(-1);
            var days = end.DayNumber - start.DayNumber + 1;
            return Amount(start, end, transfers: 100m * days, taxPaid: 10m * days, weeksOnSupport: weeksOnSupport, weeksInPeriod: 4m, uploadId: uploadId, line: i + 2);
        }).ToList();

    [Fact]
    public void A_fully_covered_window_is_annualised_by_its_months_like_a_caseworker_would()
    {
        var window = IndicatorWindow.For(Milestone.M3, D(2027, 1, 1));
        var rows = Monthly(D(2027, 1, 1), 3, transfers: 10_000m, taxPaid: 3_000m);

        var measurement = RegisterIndicators.Measure(window, rows, []);

        Assert.Equal(new IndicatorValues(1m, 120_000m, 36_000m), measurement.Values);
        Assert.Equal(IndicatorMath.Annualise(30_000m, 3), measurement.Values!.ResourceDrawDkk);
        Assert.Equal(1m, measurement.AmountCoverage);
        Assert.Equal(SelfSufficiencySource.Amounts, measurement.SelfSufficiencyFrom);
        Assert.Equal([31, 28, 31], measurement.Contributions.Select(c => c.OverlapDays));
        Assert.Equal([2, 3, 4], measurement.Contributions.Select(c => c.Row.Line));
    }

    [Fact]
    public void Rows_that_straddle_the_window_count_pro_rata_by_their_days_inside_it()
    {
        var window = IndicatorWindow.For(Milestone.M3, D(2027, 1, 16)); // 16 Jan – 15 Apr: 90 days

        var measurement = RegisterIndicators.Measure(window, Daily100(5), []);

        // 16 + 28 + 31 + 15 days of 100 kr. = 9 000 kr. in 3 months = 36 000 kr. a year; May is outside.
        Assert.Equal(36_000m, measurement.Values!.ResourceDrawDkk);
        Assert.Equal(3_600m, measurement.Values.TaxPaidDkk);
        Assert.Equal(
            [new RowContribution(new RowRef("upload-1", 2), ExtractFormat.Amounts, 16),
             new RowContribution(new RowRef("upload-1", 3), ExtractFormat.Amounts, 28),
             new RowContribution(new RowRef("upload-1", 4), ExtractFormat.Amounts, 31),
             new RowContribution(new RowRef("upload-1", 5), ExtractFormat.Amounts, 15)],
            measurement.Contributions);
    }

    [Fact]
    public void Service_costs_count_in_the_resource_draw_and_a_period_longer_than_the_window_is_cut_to_it()
    {
        var window = IndicatorWindow.For(Milestone.M3, D(2027, 1, 1)); // 90 days
        var year = Amount(D(2027, 1, 1), D(2027, 12, 31), transfers: 36_500m, serviceCosts: 3_650m, taxPaid: 7_300m, weeksOnSupport: 13m, weeksInPeriod: 52m);

        var measurement = RegisterIndicators.Measure(window, [year], []);

        // 90/365 of the year: 9 000 + 900 kr. draw, 1 800 kr. tax, 3.2 of 12.8 weeks on support.
        Assert.Equal(new IndicatorValues(0.75m, 39_600m, 7_200m), measurement.Values);
        Assert.Equal(90, Assert.Single(measurement.Contributions).OverlapDays);
    }

    [Fact]
    public void Below_the_minimum_coverage_the_data_is_missing_but_the_rows_seen_are_listed()
    {
        var window = IndicatorWindow.For(Milestone.M3, D(2027, 1, 1));

        var measurement = RegisterIndicators.Measure(window, Daily100(2), []);

        Assert.Null(measurement.Values);
        Assert.True(measurement.IsDataMissing);
        Assert.Equal(59m / 90m, measurement.AmountCoverage);
        Assert.Equal(SelfSufficiencySource.None, measurement.SelfSufficiencyFrom);
        Assert.Equal(2, measurement.Contributions.Count);
    }

    [Fact]
    public void Coverage_exactly_at_the_minimum_is_enough_and_the_covered_days_are_scaled_to_the_window()
    {
        var window = IndicatorWindow.For(Milestone.M3, D(2027, 1, 1)); // 90 days
        var rows = Daily100(2).Append(Amount(D(2027, 3, 1), D(2027, 3, 22), transfers: 2_200m, line: 4)).ToList(); // 81 days

        var enough = RegisterIndicators.Measure(window, rows, [], minimumCoverage: 0.9m);
        var tooLittle = RegisterIndicators.Measure(window, rows, [], minimumCoverage: 0.91m);

        Assert.Equal(0.9m, enough.AmountCoverage);
        Assert.Equal(36_000m, enough.Values!.ResourceDrawDkk); // 8 100 kr. in 81 days → 9 000 kr. in 90 → × 4
        Assert.Null(tooLittle.Values);
    }

    [Fact]
    public void Gaps_and_overlaps_of_different_rows_count_each_covered_day_once()
    {
        var window = IndicatorWindow.For(Milestone.M3, D(2027, 1, 1));
        var rows = new[]
        {
            Amount(D(2027, 1, 1), D(2027, 2, 28), transfers: 5_900m, uploadId: "a", line: 2),
            Amount(D(2027, 2, 1), D(2027, 3, 31), transfers: 5_900m, uploadId: "a", line: 3), // the parser refuses this; Measure must not count February twice in coverage
        };

        var measurement = RegisterIndicators.Measure(window, rows, []);

        Assert.Equal(1m, measurement.AmountCoverage);
    }

    [Fact]
    public void Amounts_are_rounded_to_ore_once_at_the_end()
    {
        var window = IndicatorWindow.For(Milestone.M3, D(2027, 1, 1)); // 90 days
        var rows = new[] { Amount(D(2027, 1, 1), D(2027, 3, 22), transfers: 100m, taxPaid: 0.01m) }; // 81 days

        var values = RegisterIndicators.Measure(window, rows, []).Values!;

        Assert.Equal(444.44m, values.ResourceDrawDkk); // 100 × 90/81 × 4 = 444.444…
        Assert.Equal(0.04m, values.TaxPaidDkk); // 0.01 × 90/81 × 4 = 0.0444…
    }

    [Fact]
    public void Weekly_data_that_covers_the_window_gives_the_rate_even_when_amounts_say_otherwise()
    {
        var window = IndicatorWindow.For(Milestone.M3, D(2027, 1, 4)); // Monday 4 Jan – Saturday 3 Apr: weeks 1–13
        var weeks = Weeks(new IsoWeek(2027, 1), 13, onSupport: 4);

        var measurement = RegisterIndicators.Measure(window, Daily100(4), weeks);

        Assert.Equal(0.6923m, measurement.Values!.SelfSufficiencyRate); // 9/13, to 4 decimals
        Assert.Equal(SelfSufficiencySource.Weeks, measurement.SelfSufficiencyFrom);
        Assert.Equal(1m, measurement.WeekCoverage);
        var weekly = Assert.Single(measurement.Contributions, c => c.Format == ExtractFormat.Weekly);
        Assert.Equal(new RowRef("weeks-1", 2), weekly.Row);
        Assert.Equal(90, weekly.OverlapDays); // 12 whole weeks and 6 days of week 13
    }

    [Fact]
    public void Weeks_outside_the_window_do_not_count()
    {
        var window = IndicatorWindow.For(Milestone.M3, D(2027, 1, 4));
        var weeks = Weeks(new IsoWeek(2026, 50), 4, onSupport: 4) // 2026-W50 … W53: all on support, all before the window
            .Concat(Weeks(new IsoWeek(2027, 1), 13, onSupport: 0)).ToList();

        var measurement = RegisterIndicators.Measure(window, Daily100(4), weeks);

        Assert.Equal(1m, measurement.Values!.SelfSufficiencyRate);
    }

    [Fact]
    public void Weekly_data_that_covers_too_little_falls_back_to_the_amount_rows()
    {
        var window = IndicatorWindow.For(Milestone.M3, D(2027, 1, 4));
        var weeks = Weeks(new IsoWeek(2027, 1), 11, onSupport: 11); // 11 of 13 weeks < 0.9

        var measurement = RegisterIndicators.Measure(window, Daily100(4, weeksOnSupport: 1m), weeks);

        Assert.Equal(0.75m, measurement.Values!.SelfSufficiencyRate); // 1 − 1/4 in every month
        Assert.Equal(SelfSufficiencySource.Amounts, measurement.SelfSufficiencyFrom);
        Assert.Equal(11m / 13m, measurement.WeekCoverage);
        Assert.DoesNotContain(measurement.Contributions, c => c.Format == ExtractFormat.Weekly);
    }

    [Fact]
    public void Weeks_without_amounts_are_still_missing_data()
    {
        var window = IndicatorWindow.For(Milestone.M3, D(2027, 1, 4));

        var measurement = RegisterIndicators.Measure(window, [], Weeks(new IsoWeek(2027, 1), 13, onSupport: 0));

        Assert.Null(measurement.Values);
        Assert.Equal(0m, measurement.AmountCoverage);
        Assert.Equal(1m, measurement.WeekCoverage);
    }

    [Fact]
    public void A_newer_upload_replaces_the_older_for_the_same_days()
    {
        var window = IndicatorWindow.For(Milestone.M3, D(2027, 1, 1));
        var older = Monthly(D(2027, 1, 1), 3, transfers: 10_000m, uploadId: "old");
        var newer = Amount(D(2027, 2, 1), D(2027, 2, 28), transfers: 0m, uploadId: "new", uploadedAt: Upload.UploadedAt.AddDays(1));

        var measurement = RegisterIndicators.Measure(window, [.. older, newer], []);

        Assert.Equal(80_000m, measurement.Values!.ResourceDrawDkk); // January and March: 20 000 kr. in 3 months
        Assert.DoesNotContain(measurement.Contributions, c => c.Row == new RowRef("old", 3));
        Assert.Contains(measurement.Contributions, c => c.Row == new RowRef("new", 2));
    }

    [Fact]
    public void Rows_of_two_people_are_refused()
    {
        var window = IndicatorWindow.For(Milestone.M3, D(2027, 1, 1));
        var rows = new[] { Amount(D(2027, 1, 1), D(2027, 3, 31)), Amount(D(2027, 1, 1), D(2027, 3, 31), person: Bo) };

        Assert.Throws<ArgumentException>(() => RegisterIndicators.Measure(window, rows, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => RegisterIndicators.Measure(window, [], [], minimumCoverage: 0m));
    }
}
