using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Tests.Registers;

public sealed class CprTests
{
    [Theory]
    [InlineData("0102901234")]
    [InlineData("010290-1234")]
    public void Ten_digits_with_or_without_the_hyphen_are_the_same_person(string text)
    {
        Assert.True(Cpr.TryParse(text, out var cpr, out var problem));
        Assert.Equal(CprProblem.None, problem);
        Assert.Equal(Extracts.KeyOf("0102901234"), Extracts.Keys.KeyOf(cpr));
    }

    [Theory]
    [InlineData("")]
    [InlineData("010290123")] // 9 digits
    [InlineData("01029012345")] // 11 digits
    [InlineData("0102-901234")] // hyphen in the wrong place
    [InlineData("010290 1234")]
    [InlineData("01029O1234")] // letter O
    [InlineData("０１０２９０１２３４")] // full-width digits
    public void Anything_but_ten_digits_is_a_format_problem(string text)
    {
        Assert.False(Cpr.TryParse(text, out var cpr, out var problem));
        Assert.Null(cpr);
        Assert.Equal(CprProblem.Format, problem);
    }

    [Theory]
    [InlineData("3104901234")] // 31 April
    [InlineData("0013901234")] // month 13
    [InlineData("0001901234")] // day 0
    [InlineData("2902001234")] // 29 Feb 1900 (7th digit 1: 1900s; not a leap year)
    [InlineData("2902974234")] // 29 Feb 1997 (7th digit 4, yy 97: 1900s)
    public void The_first_six_digits_must_be_a_date_in_the_century_the_seventh_digit_gives(string text)
    {
        Assert.False(Cpr.TryParse(text, out _, out var problem));
        Assert.Equal(CprProblem.Date, problem);
    }

    [Theory]
    [InlineData("2902004234")] // 29 Feb 2000 (7th digit 4, yy 00: 2000s)
    [InlineData("2902965234")] // 29 Feb 1896 (7th digit 5, yy 96: 1800s), a leap year
    [InlineData("2902289234")] // 29 Feb 2028 (7th digit 9, yy 28 → 2000s)
    public void Leap_days_follow_the_century_of_the_seventh_digit(string text) =>
        Assert.True(Cpr.TryParse(text, out _, out _));

    [Fact]
    public void A_number_failing_modulus_11_is_still_accepted()
    {
        // 0102901234: 0·4+1·3+0·2+2·7+9·6+0·5+1·4+2·3+3·2+4·1 = 91, not divisible by 11.
        Assert.True(Cpr.TryParse("0102901234", out _, out _));
    }

    [Fact]
    public void A_cpr_never_shows_itself_as_text()
    {
        Assert.True(Cpr.TryParse("0102901234", out var cpr, out _));
        Assert.Equal(Cpr.Masked, cpr.ToString());
        Assert.DoesNotContain("0102901234", $"{cpr}", StringComparison.Ordinal);
    }
}
