using System.Text;
using Mobilitet.Workflows.Hosting.Http;

namespace Mobilitet.Workflows.Hosting.Tests.Http;

public sealed class CsvDownloadTests
{
    private static readonly string[] Header = ["Gruppe", "Tal"];

    [Theory]
    [InlineData(7.5, 1, "7,5")]
    [InlineData(-30000, 0, "-30000")]
    [InlineData(1234567.891, 2, "1234567,89")]
    [InlineData(0.05, 0, "0")]
    [InlineData(80, 1, "80")]
    public void Numbers_have_a_decimal_comma_and_no_thousands_separator(double value, int decimals, string text)
    {
        Assert.Equal(text, CsvDownload.Number((decimal)value, decimals));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")]
    [InlineData("+45", "'+45")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("Gellerupparken", "Gellerupparken")]
    public void Text_that_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe(string value, string field)
    {
        Assert.Equal(field, CsvDownload.Text(value));
    }

    [Fact]
    public void The_file_is_utf8_with_a_byte_order_mark_semicolons_crlf_and_quotes_where_a_field_needs_them()
    {
        var bytes = CsvDownload.Bytes(Header, [["Øster; \"Søndre\"", "7,5"], ["Vest", "<5"]]);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        Assert.Equal("Gruppe;Tal\r\n\"Øster; \"\"Søndre\"\"\";7,5\r\nVest;<5\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public void A_file_without_rows_still_has_its_header()
    {
        Assert.Equal("Gruppe;Tal\r\n", CsvDownload.Text(Header, []));
    }

    [Fact]
    public void A_row_with_another_number_of_fields_than_the_header_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => CsvDownload.Text(Header, [["Vest"]]));
    }
}
