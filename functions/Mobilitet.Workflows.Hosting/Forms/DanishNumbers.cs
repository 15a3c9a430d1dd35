using System.Globalization;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Hosting.Forms;

/// <summary>
/// Numbers as Danish users type them in a form: "40.000", "40000", "1.234,50", "20 %" (a percent
/// field), with or without "kr." — the API takes plain JSON numbers instead.
/// </summary>
public static class DanishNumbers
{
    /// <returns>The number, null for an empty field; false when the text is not a number.</returns>
    public static bool TryParse(string? text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var cleaned = text.Trim();
        foreach (var suffix in new[] { "kr.", "kr", "%" })
        {
            if (cleaned.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                cleaned = cleaned[..^suffix.Length].TrimEnd();
            }
        }

        cleaned = cleaned.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal);
        if (decimal.TryParse(cleaned, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, DanishFormat.Culture, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
