namespace Mobilitet.Workflows.Registers;

/// <summary>A week's benefit code from a DREAM-style extract; null when no benefit was paid that week.</summary>
public readonly record struct WeekCode(IsoWeek Week, string? Code);
