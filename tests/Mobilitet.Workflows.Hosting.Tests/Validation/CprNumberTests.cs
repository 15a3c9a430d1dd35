using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Tests.Validation;

public sealed class CprNumberTests
{
    [Theory]
    [InlineData("0101901234", "1990-01-01")]   // 7th digit 1: 1900s
    [InlineData("010190-1234", "1990-01-01")]  // hyphen after the date part
    [InlineData("2902004123", "2000-02-29")]   // 7th digit 4, year ≤ 36: 2000s (a leap day)
    [InlineData("0101404123", "1940-01-01")]   // 7th digit 4, year > 36: 1900s
    [InlineData("0101575123", "2057-01-01")]   // 7th digit 5–8, year ≤ 57: 2000s
    [InlineData("0101585123", "1858-01-01")]   // 7th digit 5–8, year > 57: 1800s
    [InlineData("0101369123", "2036-01-01")]   // 7th digit 9, year ≤ 36: 2000s
    [InlineData("0101379123", "1937-01-01")]   // 7th digit 9, year > 36: 1900s
    public void The_date_part_and_century_follow_the_cpr_rules(string cpr, string birthDate)
    {
        var digits = CprNumber.Normalise(cpr, out var error);

        Assert.Null(error);
        Assert.Equal(cpr.Replace("-", string.Empty, StringComparison.Ordinal), digits);
        Assert.Equal(DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture), CprNumber.BirthDate(digits!));
    }

    [Theory]
    [InlineData("3102901234")]  // 31 February
    [InlineData("2902011234")]  // 29 February 1901 (1900s, not a leap year)
    [InlineData("0013901234")]  // month 13
    [InlineData("0001901234")]  // day 0
    public void An_impossible_date_is_refused_with_a_danish_message(string cpr)
    {
        Assert.Null(CprNumber.Normalise(cpr, out var error));
        Assert.Equal("CPR-nummeret har en ugyldig dato.", error);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("01019012345")]
    [InlineData("0101-901234")]
    [InlineData("01019O1234")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_ten_digits_is_refused(string? cpr)
    {
        Assert.Null(CprNumber.Normalise(cpr, out var error));
        Assert.Equal("CPR-nummeret skal bestå af 10 cifre (DDMMÅÅ-XXXX).", error);
    }
}
