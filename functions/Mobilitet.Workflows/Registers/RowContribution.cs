namespace Mobilitet.Workflows.Registers;

/// <summary>
/// A register row that went into a measurement: <paramref name="OverlapDays"/> of its days fell in the window
/// (for a weekly row, the window's days in the weeks it supplied).
/// </summary>
public sealed record RowContribution(RowRef Row, ExtractFormat Format, int OverlapDays);
