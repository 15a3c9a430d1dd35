using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Indicators;

/// <summary>Measurement milestones; the value is the number of months after the actual move date.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Milestone>))]
public enum Milestone
{
    M3 = 3,
    M12 = 12,
    M36 = 36,
}

public static class Milestones
{
    /// <summary>The milestones in the order they fall due.</summary>
    public static IReadOnlyList<Milestone> InOrder { get; } = [Milestone.M3, Milestone.M12, Milestone.M36];

    public static int MonthsAfterMove(this Milestone milestone) => (int)milestone;

    /// <summary>The milestone that falls due after <paramref name="milestone"/>; null after the last.</summary>
    public static Milestone? After(Milestone milestone)
    {
        var index = InOrder.ToList().IndexOf(milestone);
        return index >= 0 && index + 1 < InOrder.Count ? InOrder[index + 1] : null;
    }

    /// <summary>
    /// The indicator window a milestone measures, in months after the move: M3 is months 0–3, M12
    /// months 3–12 and M36 months 24–36.
    /// </summary>
    public static (int FromMonth, int ToMonth) Window(this Milestone milestone) => milestone switch
    {
        Milestone.M3 => (0, 3),
        Milestone.M12 => (3, 12),
        Milestone.M36 => (24, 36),
        _ => throw new ArgumentOutOfRangeException(nameof(milestone), milestone, null),
    };
}
