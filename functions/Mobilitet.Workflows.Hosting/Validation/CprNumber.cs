namespace Mobilitet.Workflows.Hosting.Validation;

/// <summary>
/// Checks a Danish CPR number: ten digits (a hyphen after the sixth is allowed) whose first six
/// are a real date. The century follows from the seventh digit (CPR office rules). The modulus-11
/// check is not applied: CPR numbers without it have been issued since 2007.
/// </summary>
public static class CprNumber
{
    /// <returns>The ten digits without hyphen, or null with a Danish error message.</returns>
    public static string? Normalise(string? value, out string? error)
    {
        error = null;
        var trimmed = value?.Trim() ?? string.Empty;
        var digits = trimmed.Length == 11 && trimmed[6] == '-' ? trimmed.Remove(6, 1) : trimmed;
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            error = Messages.CprFormat;
            return null;
        }

        if (BirthDate(digits) is null)
        {
            error = Messages.CprDate;
            return null;
        }

        return digits;
    }

    /// <summary>"010190-xxxx": how a CPR number is shown after entry (never the last four digits).</summary>
    public static string Masked(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return digits.Length >= 6 ? digits[..6] + "-xxxx" : "xxxxxx-xxxx";
    }

    /// <summary>The birth date a well-formed CPR number encodes, or null if the date does not exist.</summary>
    public static DateOnly? BirthDate(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var day = Number(digits, 0);
        var month = Number(digits, 2);
        var yearOfCentury = Number(digits, 4);
        var seventh = digits[6] - '0';
        var century = seventh switch
        {
            <= 3 => 1900,
            4 or 9 => yearOfCentury <= 36 ? 2000 : 1900,
            _ => yearOfCentury <= 57 ? 2000 : 1800,
        };

        var year = century + yearOfCentury;
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    private static int Number(string digits, int at) => ((digits[at] - '0') * 10) + (digits[at + 1] - '0');
}
