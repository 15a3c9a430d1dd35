using System.Globalization;
using System.Text.RegularExpressions;
using CsCheck;
using Mobilitet.Workflows.Registers;
using static Mobilitet.Workflows.Tests.Registers.Extracts;

namespace Mobilitet.Workflows.Tests.Registers;

/// <summary>A CPR number is personal data: wherever it stands in a bad file, no error repeats it.</summary>
public sealed partial class CprPrivacyTests
{
    [GeneratedRegex(@"\d{6}")]
    private static partial Regex SixDigits();

    /// <summary>Valid CPR numbers (1900s: seventh digit 0–3), written with or without the hyphen.</summary>
    private static readonly Gen<string> Cprs = Gen.Select(Gen.Int[1, 28], Gen.Int[1, 12], Gen.Int[0, 99], Gen.Int[0, 3999], Gen.Bool,
        (day, month, yy, serial, hyphen) => string.Create(CultureInfo.InvariantCulture, $"{day:D2}{month:D2}{yy:D2}{(hyphen ? "-" : "")}{serial:D4}"));

    private static string[] BadFile(int scenario, string cpr) => scenario switch
    {
        0 => [ExtractParser.AmountsHeader, AmountLine(cpr: cpr, start: "2027-13-01")],
        1 => [ExtractParser.AmountsHeader, AmountLine(cpr: Bo, start: cpr)],
        2 => [ExtractParser.AmountsHeader, AmountLine(cpr: "31" + cpr[2..].Replace(cpr[2..4], "04", StringComparison.Ordinal))], // 31 April
        3 => [ExtractParser.AmountsHeader, AmountLine(cpr: cpr + "7")],
        4 => [ExtractParser.AmountsHeader, AmountLine(cpr: cpr) + ";" + cpr],
        5 => [ExtractParser.AmountsHeader, AmountLine(cpr: cpr), AmountLine(cpr: cpr, start: "2027-01-15")],
        6 => ["cpr;y_2701", $"{Bo};{cpr}"],
        7 => ["cpr;y_2701", $"{cpr};KH", $"{cpr};"],
        8 => [$"cpr;y_2701;{cpr}", $"{Bo};KH;"],
        9 => [$"cpr;y_2701;y_{cpr}", $"{Bo};KH;"],
        _ => [AmountLine(cpr: cpr), AmountLine(cpr: cpr)],
    };

    [Fact]
    public void No_error_field_or_message_contains_the_cpr_or_any_six_digits_of_it()
    {
        Gen.Select(Gen.Int[0, 10], Cprs).Sample((scenario, cpr) =>
        {
            var report = Parse(BadFile(scenario, cpr));

            Assert.NotEmpty(report.Errors);
            foreach (var error in report.Errors)
            {
                Assert.DoesNotMatch(SixDigits(), error.Message);
                Assert.DoesNotMatch(SixDigits(), error.Field ?? string.Empty);
            }
        });
    }

    [Fact]
    public void Rows_kept_hold_the_person_key_not_the_cpr()
    {
        var report = Parse(ExtractParser.AmountsHeader, AmountLine(cpr: Anna));

        var row = Assert.Single(report.AmountRows);
        Assert.DoesNotContain(Anna, row.ToString(), StringComparison.Ordinal);
        Assert.Equal(KeyOf(Anna), row.Person);
        Assert.DoesNotContain(typeof(AmountRow).GetProperties(), property => property.PropertyType == typeof(Cpr) || property.Name.Contains("Cpr", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(typeof(WeeklyRow).GetProperties(), property => property.PropertyType == typeof(Cpr) || property.Name.Contains("Cpr", StringComparison.OrdinalIgnoreCase));
    }
}
