using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Web.Tests.Rendering;

public sealed class DanishNumberTests
{
    [Theory]
    [InlineData("40000", "40000")]
    [InlineData("40.000", "40000")]
    [InlineData("40 000", "40000")]
    [InlineData("1.250.000", "1250000")]
    [InlineData(" 40.000 kr. ", "40000")]
    [InlineData("1.250,50", "1250.50")]
    [InlineData("0", "0")]
    public void An_amount_as_danes_write_it_is_read(string text, string expected)
    {
        Assert.True(DanishNumber.TryParseAmount(text, out var amount));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fyrre tusind")]
    [InlineData("40,000.00")]
    [InlineData("4.00")]
    [InlineData("40.000 000")]
    [InlineData("40..000")]
    [InlineData("1,234")]
    [InlineData("-40.000")]
    public void Anything_else_is_not_an_amount(string? text)
    {
        Assert.False(DanishNumber.TryParseAmount(text, out _));
    }
}
