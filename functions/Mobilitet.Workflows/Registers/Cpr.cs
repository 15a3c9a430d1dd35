using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mobilitet.Workflows.Registers;

/// <summary>
/// A CPR number, normalised to its 10 digits. It exists only on the way from a register extract (or the
/// vault) to a <see cref="PersonKey"/>: <see cref="ToString"/> masks it, so a CPR that slips into a log line,
/// an exception or an interpolated string still does not show. The checks are the ones that still hold:
/// 10 digits whose first six are a date. The modulus-11 check is not made: CPR numbers issued since 2007
/// need not pass it.
/// </summary>
public sealed class Cpr
{
    /// <summary>What <see cref="ToString"/> shows instead of the number.</summary>
    public const string Masked = "******-****";

    private Cpr(string digits) => Digits = digits;

    /// <summary>The 10 digits. Internal: only <see cref="PersonKeys"/> reads them.</summary>
    internal string Digits { get; }

    /// <summary>Reads "ddmmyyxxxx" or "ddmmyy-xxxx" (no other separators, no spaces).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out Cpr? cpr, out CprProblem problem)
    {
        cpr = null;
        Span<char> digits = stackalloc char[10];
        if (text.Length == 11 && text[6] == '-')
        {
            text[..6].CopyTo(digits);
            text[7..].CopyTo(digits[6..]);
        }
        else if (text.Length == 10)
        {
            text.CopyTo(digits);
        }
        else
        {
            problem = CprProblem.Format;
            return false;
        }

        if (!AllAsciiDigits(digits))
        {
            problem = CprProblem.Format;
            return false;
        }

        if (BirthDate(digits) is null)
        {
            problem = CprProblem.Date;
            return false;
        }

        cpr = new Cpr(new string(digits));
        problem = CprProblem.None;
        return true;
    }

    /// <summary>Never the number: a CPR must not reach a log, a message or an exception.</summary>
    public override string ToString() => Masked;

    private static bool AllAsciiDigits(ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The birth date ten CPR digits encode, or null if that date does not exist. The first six digits are ddmmyy;
    /// the seventh gives the century (CPR-kontoret's table): 0–3 → 1900s; 4 and 9 → 2000s for yy 00–36, otherwise
    /// 1900s; 5–8 → 2000s for yy 00–57, otherwise 1800s. The century matters for 29 February.
    /// </summary>
    /// <exception cref="ArgumentException">Not ten ASCII digits.</exception>
    public static DateOnly? BirthDate(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 10 || !AllAsciiDigits(digits))
        {
            throw new ArgumentException("A CPR number is ten digits.", nameof(digits));
        }

        var day = int.Parse(digits[..2], NumberStyles.None, CultureInfo.InvariantCulture);
        var month = int.Parse(digits[2..4], NumberStyles.None, CultureInfo.InvariantCulture);
        var yy = int.Parse(digits[4..6], NumberStyles.None, CultureInfo.InvariantCulture);
        var century = (digits[6] - '0') switch
        {
            <= 3 => 1900,
            4 or 9 => yy <= 36 ? 2000 : 1900,
            _ => yy <= 57 ? 2000 : 1800,
        };
        var year = century + yy;
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }
}
