using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Registers;

/// <summary>
/// A window measured from register data: the indicators (null when the data does not cover the window well enough:
/// data missing), how well each kind of data covered it (0–1), where the self-sufficiency rate came from, and every
/// row that contributed, so a measurement can be traced back to lines of uploaded files.
/// </summary>
public sealed record RegisterMeasurement(
    IndicatorWindow Window,
    IndicatorValues? Values,
    SelfSufficiencySource SelfSufficiencyFrom,
    decimal AmountCoverage,
    decimal WeekCoverage,
    IReadOnlyList<RowContribution> Contributions)
{
    public bool IsDataMissing => Values is null;
}
