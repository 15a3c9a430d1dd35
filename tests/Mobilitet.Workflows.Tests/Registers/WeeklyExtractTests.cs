using Mobilitet.Workflows.Registers;
using static Mobilitet.Workflows.Tests.Registers.Extracts;

namespace Mobilitet.Workflows.Tests.Registers;

public sealed class WeeklyExtractTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Each_week_column_holds_a_code_or_a_blank_for_no_benefit(bool byteOrderMark)
    {
        var report = Parse(byteOrderMark,
            "cpr;y_2701;y_2702;y_2703",
            $"{Anna};KH;;dp",
            $"010290-1234;;;",
            $"{Bo};; SU ;");

        Assert.Equal(ExtractFormat.Weekly, report.Format);
        Assert.Equal(3, report.RowsRead);
        Assert.Equal(new ExtractError(3, "cpr", "Personen står allerede på linje 2."), Assert.Single(report.Errors));
        Assert.Equal(2, report.WeeklyRows.Count);

        var anna = report.WeeklyRows[0];
        Assert.Equal(KeyOf(Anna), anna.Person);
        Assert.Equal(new RowRef("upload-1", 2), anna.Source);
        Assert.Equal(
            [new WeekCode(new IsoWeek(2027, 1), "KH"), new WeekCode(new IsoWeek(2027, 2), null), new WeekCode(new IsoWeek(2027, 3), "DP")],
            anna.Weeks);
        Assert.Equal([null, "SU", null], report.WeeklyRows[1].Weeks.Select(week => week.Code));
    }

    [Fact]
    public void Week_53_exists_only_in_years_that_have_it_and_weeks_are_put_in_order_across_the_year_end()
    {
        var report = Parse("cpr;y_2701;y_2653;y_2652", $"{Anna};A;B;C");

        Assert.Empty(report.Errors);
        var weeks = Assert.Single(report.WeeklyRows).Weeks;
        Assert.Equal(["2026-W52", "2026-W53", "2027-W01"], weeks.Select(week => week.Week.ToString()));
        Assert.Equal(["C", "B", "A"], weeks.Select(week => week.Code));
        Assert.Equal(new DateOnly(2026, 12, 28), weeks[1].Week.Monday);
        Assert.Equal(new DateOnly(2027, 1, 3), weeks[1].Week.Sunday);
    }

    [Theory]
    [InlineData("cpr;y_2701;y_2753", "y_2753")] // 2027 has 52 weeks
    [InlineData("cpr;y_2701;y_2700", "y_2700")]
    [InlineData("cpr;y_2701;y_27011", "y_27011")]
    [InlineData("cpr;y_2701;y_27x1", "y_27x1")]
    [InlineData("cpr;y_2701;Y_2702", "Y_2702")]
    [InlineData("cpr;y_2701;navn", "navn")]
    [InlineData("cpr;y_2701;", "")]
    public void A_column_that_is_not_a_week_rejects_the_file_with_an_error_on_line_1(string header, string column)
    {
        var report = Parse(header, $"{Anna};A;B");

        Assert.Equal(ExtractFormat.Weekly, report.Format);
        var error = Assert.Single(report.Errors);
        Assert.Equal(1, error.Line);
        Assert.Equal(column, error.Field);
        Assert.StartsWith("Ugekolonner skal hedde y_ÅÅUU", error.Message, StringComparison.Ordinal);
        Assert.Empty(report.WeeklyRows);
        Assert.Equal(0, report.RowsRead);
    }

    [Fact]
    public void A_week_in_two_columns_rejects_the_file()
    {
        var report = Parse("cpr;y_2701;y_2702;y_2701", $"{Anna};A;B;C");

        Assert.Equal(new ExtractError(1, "y_2701", "Ugen står i mere end én kolonne."), Assert.Single(report.Errors));
        Assert.Empty(report.WeeklyRows);
    }

    [Fact]
    public void Bad_lines_are_reported_by_line_and_column_and_the_good_ones_read()
    {
        var report = Parse(
            "cpr;y_2701;y_2702",
            $"{Bo};KH;",
            "12345;;",
            $"{Carl};K H;1-2",
            $"{Anna};KH",
            $"{Anna};123456789;",
            $"{Anna};KH;SD");

        Assert.Equal(
            [
                new ExtractError(3, "cpr", "CPR-nummeret skal være 10 cifre, evt. skrevet ddmmåå-xxxx."),
                new ExtractError(4, "y_2701", "Ydelseskoden må kun bestå af bogstaver og cifre (højst 8 tegn); lad feltet være tomt, når der ikke er udbetalt en ydelse."),
                new ExtractError(4, "y_2702", "Ydelseskoden må kun bestå af bogstaver og cifre (højst 8 tegn); lad feltet være tomt, når der ikke er udbetalt en ydelse."),
                new ExtractError(5, null, "Linjen har 2 felter, men overskriften har 3."),
                new ExtractError(6, "y_2701", "Ydelseskoden må kun bestå af bogstaver og cifre (højst 8 tegn); lad feltet være tomt, når der ikke er udbetalt en ydelse."),
            ],
            report.Errors);
        Assert.Equal(6, report.RowsRead);
        Assert.Equal([2, 7], report.WeeklyRows.Select(row => row.Source.Line));
        Assert.Equal([KeyOf(Bo), KeyOf(Anna)], report.WeeklyRows.Select(row => row.Person));
    }
}
