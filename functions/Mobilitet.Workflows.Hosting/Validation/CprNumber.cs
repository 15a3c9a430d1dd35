using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Hosting.Validation;

/// <summary>
/// Checks a Danish CPR number entered in a form: ten digits (a hyphen after the sixth is allowed, and
/// surrounding spaces) whose first six are a real date (<see cref="Cpr.BirthDate"/>, the one rule for
/// forms and register extracts). The modulus-11 check is not applied: CPR numbers without it have been
/// issued since 2007.
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

    /// <summary>The birth date a well-formed CPR number encodes, or null if the date does not exist (the rule is <see cref="Cpr.BirthDate"/>).</summary>
    public static DateOnly? BirthDate(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return Cpr.BirthDate(digits);
    }
}
