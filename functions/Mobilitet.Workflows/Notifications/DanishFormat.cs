using System.Globalization;

namespace Mobilitet.Workflows.Notifications;

/// <summary>How amounts and dates are written for Danish readers (da-DK).</summary>
public static class DanishFormat
{
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>"25.000 kr."</summary>
    public static string Dkk(decimal amount) => amount.ToString("#,##0", Culture) + " kr.";

    /// <summary>"15. januar 2027"</summary>
    public static string Date(DateOnly date) => date.ToString("d. MMMM yyyy", Culture);

    /// <summary>"0,85"</summary>
    public static string Rate(decimal rate) => rate.ToString("0.00", Culture);
}
