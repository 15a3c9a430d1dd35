using System.Text;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Tests.Registers;

public sealed class ExtractRedactionTests
{
    private static string Mask(string text) => Encoding.UTF8.GetString(ExtractRedaction.MaskCprNumbers(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("0102901234;2027-01-01", "**********;2027-01-01")]
    [InlineData("010290-1234;x", "******-****;x")]
    [InlineData("\"010290 1234\";x", "\"****** ****\";x")]
    [InlineData("0102-901234", "****-******")]
    [InlineData("x;01029012345;y", "x;***********;y")]
    [InlineData("1234567890,50", "**********,50")]
    public void Every_run_of_ten_or_more_digits_joined_by_nothing_a_hyphen_or_a_space_is_masked(string line, string kept)
    {
        Assert.Equal(kept, Mask(line));
    }

    [Theory]
    [InlineData("2027-01-01;2027-01-31;4,5;4,43;12345,50;0;9876,25")]
    [InlineData("y_2701;y_2653;KH;SU123")]
    [InlineData("010290;1234")]
    [InlineData("12 34 56 78")]
    [InlineData("010290-123")]
    public void Dates_amounts_week_columns_codes_and_short_numbers_stay(string line)
    {
        Assert.Equal(line, Mask(line));
    }

    [Fact]
    public void A_whole_extract_keeps_its_bytes_lines_and_byte_order_mark_with_only_the_cpr_digits_masked()
    {
        var text = ExtractParser.AmountsHeader + "\r\n" + Extracts.AmountLine(Extracts.Anna) + "\r\n" + Extracts.AmountLine("150385-1111") + "\r\nÆØÅ;é\n";
        var bytes = (byte[])[.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)];

        var masked = ExtractRedaction.MaskCprNumbers(bytes);

        Assert.Equal(bytes.Length, masked.Length);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), masked[..3]);
        var kept = Encoding.UTF8.GetString(masked);
        Assert.DoesNotContain(Extracts.Anna, kept, StringComparison.Ordinal);
        Assert.DoesNotContain("150385", kept, StringComparison.Ordinal);
        Assert.Equal(text.Split('\n').Length, kept.Split('\n').Length);
        Assert.Contains("**********;2027-01-01;2027-01-31;0;4,43;0;0;10000", kept, StringComparison.Ordinal);
        Assert.EndsWith("ÆØÅ;é\n", kept, StringComparison.Ordinal);
    }
}
