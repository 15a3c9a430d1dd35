using System.Globalization;

namespace Mobilitet.Workflows.Indicators;

/// <summary>
/// An extra measurement of a milestone's indicators that a supervisor's "extend monitoring" decision scheduled
/// (workflow 1.4 on): due <see cref="Months"/> months after the milestone, over a window as long as the milestone's,
/// moved on by the same months (M3 + 6: months 6–9 after the move), held against the milestone's thresholds.
/// Its label ("M3+6") tells its measurement, report and timeline entries apart from the milestone's own.
/// </summary>
public static class Extension
{
    public static string Label(Milestone milestone, int months) =>
        milestone.ToString() + "+" + months.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? label, out Milestone milestone, out int months)
    {
        milestone = default;
        months = 0;
        var plus = label?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        return plus > 0
            && Enum.TryParse(label.AsSpan(0, plus), out milestone) && Enum.IsDefined(milestone)
            && int.TryParse(label.AsSpan(plus + 1), NumberStyles.None, CultureInfo.InvariantCulture, out months) && months > 0;
    }

    /// <summary>The months after the move an extension falls due (the milestone's months plus the extension's).</summary>
    public static int MonthsAfterMove(Milestone milestone, int months) => milestone.MonthsAfterMove() + months;
}
