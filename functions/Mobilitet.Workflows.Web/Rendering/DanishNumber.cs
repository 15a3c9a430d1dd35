using System.Globalization;
using System.Text.RegularExpressions;

namespace Mobilitet.Workflows.Web.Rendering;

/// <summary>
/// Reads an amount as a Dane types it in an <see cref="Shared.AmountInput"/>: "40000", "40.000" and
/// "40 000" are forty thousand, "1.250,50" has øre; a trailing "kr." is allowed. Anything else (a
/// thousands separator in the wrong place, "40,000.00", letters) is not a number.
/// </summary>
public static partial class DanishNumber
{
    public static bool TryParseAmount(string? text, out decimal amount)
    {
        amount = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Amount().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var digits = match.Groups["whole"].Value.Replace(".", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal);
        var fraction = match.Groups["fraction"].Success ? "." + match.Groups["fraction"].Value : string.Empty;
        return decimal.TryParse(digits + fraction, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    // Whole kroner: digits, or groups of three after "." / space / no-break space (one kind per number); øre after ",".
    [GeneratedRegex(@"^(?<whole>\d{1,3}(?:(?<sep>[. \u00A0])\d{3})(?:\k<sep>\d{3})*|\d+)(?:,(?<fraction>\d{1,2}))?(?:\s*kr\.?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Amount();
}
