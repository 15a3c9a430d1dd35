using System.Text;
using Mobilitet.Workflows.Registers;
using static Mobilitet.Workflows.Tests.Registers.Extracts;

namespace Mobilitet.Workflows.Tests.Registers;

public sealed class AmountExtractTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_valid_file_is_read_with_or_without_a_byte_order_mark(bool byteOrderMark)
    {
        var report = Parse(byteOrderMark,
            ExtractParser.AmountsHeader,
            AmountLine(cpr: "010290-1234", start: "2027-01-01", end: "2027-03-31", weeksOnSupport: "2,5", weeksInPeriod: "13",
                transfers: "12345,50", serviceCosts: "1000", taxPaid: "0,75"));

        Assert.Equal(ExtractFormat.Amounts, report.Format);
        Assert.Empty(report.Errors);
        Assert.Equal(1, report.RowsRead);
        var row = Assert.Single(report.AmountRows);
        Assert.Equal(KeyOf(Anna), row.Person);
        Assert.Equal(new RowRef("upload-1", 2), row.Source);
        Assert.Equal(Upload.UploadedAt, row.UploadedAt);
        Assert.Equal(new DateOnly(2027, 1, 1), row.PeriodStart);
        Assert.Equal(new DateOnly(2027, 3, 31), row.PeriodEnd);
        Assert.Equal(90, row.Days);
        Assert.Equal(2.5m, row.WeeksOnSupport);
        Assert.Equal(13m, row.WeeksInPeriod);
        Assert.Equal(12345.50m, row.TransfersDkk);
        Assert.Equal(1000m, row.ServiceCostsDkk);
        Assert.Equal(0.75m, row.TaxPaidDkk);
    }

    [Fact]
    public void Windows_line_endings_quoted_fields_and_a_trailing_blank_line_read_the_same()
    {
        var report = Parse(Bytes(byteOrderMark: true, "\r\n",
            ExtractParser.AmountsHeader,
            AmountLine(transfers: "\"12345,50\""),
            string.Empty,
            AmountLine(cpr: Bo),
            string.Empty));

        Assert.Empty(report.Errors);
        Assert.Equal(2, report.RowsRead);
        Assert.Equal(12345.50m, report.AmountRows[0].TransfersDkk);
        Assert.Equal([2, 4], report.AmountRows.Select(row => row.Source.Line));
    }

    public static TheoryData<string, string, string> BadFields => new()
    {
        { AmountLine(cpr: "12345"), "cpr", "CPR-nummeret skal være 10 cifre, evt. skrevet ddmmåå-xxxx." },
        { AmountLine(cpr: "3104901234"), "cpr", "CPR-nummerets første seks cifre skal være en gyldig dato (ddmmåå)." },
        { AmountLine(start: "01-01-2027"), "periodStart", "Datoen skal skrives som åååå-mm-dd." },
        { AmountLine(end: "2027-02-30"), "periodEnd", "Datoen skal skrives som åååå-mm-dd." },
        { AmountLine(start: "2027-02-01", end: "2027-01-31"), "periodEnd", "Periodens slutdato må ikke ligge før startdatoen." },
        { AmountLine(weeksOnSupport: "-1"), "weeksOnSupport", "Antal uger må ikke være negativt." },
        { AmountLine(weeksInPeriod: "fire"), "weeksInPeriod", "Antal uger skal skrives som et tal, evt. med decimalkomma (fx 4,5)." },
        { AmountLine(weeksInPeriod: "0"), "weeksInPeriod", "Antal uger i perioden skal være større end 0." },
        { AmountLine(weeksOnSupport: "5", weeksInPeriod: "4,43"), "weeksOnSupport", "Uger på offentlig forsørgelse kan ikke være flere end ugerne i perioden." },
        { AmountLine(transfers: "12345.50"), "transfersDkk", "Beløbet skal skrives med decimalkomma og uden tusindtalsseparator, fx 12345,50." },
        { AmountLine(transfers: "12.345,50"), "transfersDkk", "Beløbet skal skrives med decimalkomma og uden tusindtalsseparator, fx 12345,50." },
        { AmountLine(serviceCosts: "1 000"), "serviceCostsDkk", "Beløbet skal skrives med decimalkomma og uden tusindtalsseparator, fx 12345,50." },
        { AmountLine(serviceCosts: ""), "serviceCostsDkk", "Beløbet skal skrives med decimalkomma og uden tusindtalsseparator, fx 12345,50." },
        { AmountLine(taxPaid: "-100,00"), "taxPaidDkk", "Beløbet må ikke være negativt." },
        { AmountLine(taxPaid: "1e5"), "taxPaidDkk", "Beløbet skal skrives med decimalkomma og uden tusindtalsseparator, fx 12345,50." },
        { AmountLine(taxPaid: "100,"), "taxPaidDkk", "Beløbet skal skrives med decimalkomma og uden tusindtalsseparator, fx 12345,50." },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void A_bad_field_is_reported_with_its_line_and_column_and_the_good_lines_around_it_are_read(string badLine, string field, string message)
    {
        var report = Parse(ExtractParser.AmountsHeader, AmountLine(cpr: Bo), badLine, AmountLine(cpr: Carl));

        Assert.Equal(3, report.RowsRead);
        var error = Assert.Single(report.Errors);
        Assert.Equal(new ExtractError(3, field, message), error);
        Assert.Equal([KeyOf(Bo), KeyOf(Carl)], report.AmountRows.Select(row => row.Person));
        Assert.Equal([2, 4], report.AmountRows.Select(row => row.Source.Line));
    }

    [Fact]
    public void Every_bad_field_of_a_line_is_reported_not_only_the_first()
    {
        var report = Parse(ExtractParser.AmountsHeader, AmountLine(cpr: "x", start: "i går", transfers: "mange"));

        Assert.Equal(["cpr", "periodStart", "transfersDkk"], report.Errors.Select(error => error.Field));
        Assert.All(report.Errors, error => Assert.Equal(2, error.Line));
        Assert.Empty(report.AmountRows);
    }

    [Theory]
    [InlineData("0102901234;2027-01-01;2027-01-31;0;4;0;0", 7)]
    [InlineData("0102901234;2027-01-01;2027-01-31;0;4;0;0;0;0", 9)]
    [InlineData("0102901234,2027-01-01,2027-01-31,0,4,0,0,0", 1)]
    public void A_line_with_the_wrong_number_of_fields_is_reported_as_a_whole(string line, int fields)
    {
        var report = Parse(ExtractParser.AmountsHeader, line, AmountLine(cpr: Bo));

        var error = Assert.Single(report.Errors);
        Assert.Equal(new ExtractError(2, null, $"Linjen har {fields} felter, men overskriften har 8."), error);
        Assert.Equal(KeyOf(Bo), Assert.Single(report.AmountRows).Person);
    }

    [Fact]
    public void A_second_line_for_the_same_person_and_days_is_refused_but_adjacent_periods_are_not()
    {
        var report = Parse(
            ExtractParser.AmountsHeader,
            AmountLine(start: "2027-01-01", end: "2027-01-31"),
            AmountLine(start: "2027-02-01", end: "2027-02-28"),
            AmountLine(cpr: "010290-1234", start: "2027-01-31", end: "2027-02-10"),
            AmountLine(cpr: Bo, start: "2027-01-01", end: "2027-01-31"));

        Assert.Equal(new ExtractError(4, "periodStart", "Perioden overlapper en periode for samme person på linje 2."), Assert.Single(report.Errors));
        Assert.Equal([2, 3, 5], report.AmountRows.Select(row => row.Source.Line));
    }

    [Fact]
    public void A_line_number_counts_the_header_and_blank_lines()
    {
        var report = Parse(ExtractParser.AmountsHeader, string.Empty, "   ", AmountLine(start: "igår"));

        Assert.Equal(1, report.RowsRead);
        Assert.Equal(4, Assert.Single(report.Errors).Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void An_empty_file_is_one_error(string content)
    {
        var report = Parse(Encoding.UTF8.GetBytes(content));

        Assert.Equal(ExtractFormat.Unknown, report.Format);
        Assert.Equal(new ExtractError(1, null, "Filen er tom."), Assert.Single(report.Errors));
        Assert.Equal(0, report.RowsRead);
    }

    [Fact]
    public void An_empty_file_with_only_a_byte_order_mark_is_empty_too() =>
        Assert.Equal("Filen er tom.", Assert.Single(Parse(Encoding.UTF8.Preamble.ToArray()).Errors).Message);

    [Theory]
    [InlineData("CPR;periodStart;periodEnd;weeksOnSupport;weeksInPeriod;transfersDkk;serviceCostsDkk;taxPaidDkk")]
    [InlineData("cpr,periodStart,periodEnd,weeksOnSupport,weeksInPeriod,transfersDkk,serviceCostsDkk,taxPaidDkk")]
    [InlineData("cpr;periodStart;periodEnd;weeksOnSupport;weeksInPeriod;transfersDkk;serviceCostsDkk")]
    [InlineData("navn;adresse")]
    [InlineData("\nnavn;adresse")]
    [InlineData("0102901234;2027-01-01;2027-01-31;0;4;0;0;0")]
    public void Any_other_header_is_one_error_naming_the_accepted_headers(string content)
    {
        var report = Parse(content, AmountLine());

        Assert.Equal(ExtractFormat.Unknown, report.Format);
        var error = Assert.Single(report.Errors);
        Assert.Equal(1, error.Line);
        Assert.Null(error.Field);
        Assert.Contains(ExtractParser.AmountsHeader, error.Message, StringComparison.Ordinal);
        Assert.Contains("y_ÅÅUU", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0102901234", error.Message, StringComparison.Ordinal);
        Assert.Empty(report.AmountRows);
        Assert.Equal(0, report.RowsRead);
    }

    [Fact]
    public void A_header_alone_is_a_file_with_no_lines_and_no_errors()
    {
        var report = Parse(ExtractParser.AmountsHeader);

        Assert.Equal(ExtractFormat.Amounts, report.Format);
        Assert.Equal(0, report.RowsRead);
        Assert.Empty(report.Errors);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_fail_the_field_they_are_in_not_the_file()
    {
        var content = Bytes(byteOrderMark: false, "\n", ExtractParser.AmountsHeader, AmountLine(cpr: Bo)).ToList();
        content.AddRange("\n"u8.ToArray());
        content.AddRange(Encoding.UTF8.GetBytes(AmountLine(transfers: "X")).Select(b => b == (byte)'X' ? (byte)0xFF : b));

        var report = Parse([.. content]);

        Assert.Equal(new ExtractError(3, "transfersDkk", "Beløbet skal skrives med decimalkomma og uden tusindtalsseparator, fx 12345,50."), Assert.Single(report.Errors));
        Assert.Single(report.AmountRows);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_with_the_lines_it_swallowed_not_thrown()
    {
        var report = Parse(ExtractParser.AmountsHeader, AmountLine(cpr: Bo), AmountLine(transfers: "\"12,50"), AmountLine(cpr: Carl), AmountLine(cpr: Anna));

        Assert.Equal(new ExtractError(3, null, "Et anførselstegn (\") på linjen lukkes ikke, så linjerne til og med linje 5 er læst som én."), Assert.Single(report.Errors));
        Assert.Equal(2, report.RowsRead);
        Assert.Equal(KeyOf(Bo), Assert.Single(report.AmountRows).Person);
    }
}
