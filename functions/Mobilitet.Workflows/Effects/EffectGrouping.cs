using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Effects;

/// <summary>What the effect dashboard groups agreements by (and filters them on).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EffectGrouping>))]
public enum EffectGrouping
{
    Municipality,
    HousingArea,
    Direction,
    Cohort,
}

public static class EffectGroupings
{
    public static IReadOnlyList<EffectGrouping> InOrder { get; } = [EffectGrouping.Municipality, EffectGrouping.HousingArea, EffectGrouping.Direction, EffectGrouping.Cohort];

    /// <summary>The grouping as the page and the CSV name it.</summary>
    public static string DanishName(this EffectGrouping grouping) => grouping switch
    {
        EffectGrouping.Municipality => "Kommune",
        EffectGrouping.HousingArea => "Boligområde",
        EffectGrouping.Direction => "Retning",
        EffectGrouping.Cohort => "Startkohorte",
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, null),
    };
}
