using System.Globalization;

namespace Mobilitet.Workflows.Registers;

/// <summary>
/// Numbers as Danish extracts write them: digits, optionally a decimal comma and more digits ("12345,50"). No
/// thousands separators, no decimal point, no exponent: "12.345" would mean 12345 to a Dane and 12.345 to a
/// machine, so it is refused rather than guessed.
/// </summary>
internal static class RegisterNumbers
{
    public enum Result
    {
        Ok,
        Malformed,
        Negative,
    }

    /// <summary>Longer than any amount a register holds; keeps a hostile cell from costing more than a few bytes of stack.</summary>
    private const int MaxLength = 40;

    public static Result TryParse(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0m;
        if (text.Length > MaxLength)
        {
            return Result.Malformed;
        }

        var negative = text.Length > 0 && text[0] == '-';
        var digits = negative ? text[1..] : text;
        var comma = digits.IndexOf(',');
        var whole = comma < 0 ? digits : digits[..comma];
        var fraction = comma < 0 ? [] : digits[(comma + 1)..];
        if (whole.IsEmpty || whole.ContainsAnyExceptInRange('0', '9')
            || (comma >= 0 && (fraction.IsEmpty || fraction.ContainsAnyExceptInRange('0', '9'))))
        {
            return Result.Malformed;
        }

        Span<char> invariant = stackalloc char[digits.Length];
        digits.CopyTo(invariant);
        if (comma >= 0)
        {
            invariant[comma] = '.';
        }

        if (!decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return Result.Malformed; // too many digits for a decimal
        }

        return negative ? Result.Negative : Result.Ok;
    }
}
