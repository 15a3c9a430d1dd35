using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Workflows.Effects;

/// <summary>
/// Which agreements the dashboard describes: those of <see cref="Municipalities"/> (the ones the person holds),
/// narrowed by the optional filters. A housing area is compared as <see cref="HousingAreas.Normalize"/> does.
/// </summary>
public sealed record EffectFilter
{
    /// <summary>The municipalities the dashboard is computed for (the person's); suppression is computed over all of them.</summary>
    public required IReadOnlySet<string> Municipalities { get; init; }

    public string? Municipality { get; init; }

    public string? HousingArea { get; init; }

    public MoveDirection? Direction { get; init; }

    public Cohort? Cohort { get; init; }

    /// <summary>Whether the filter fixes <paramref name="grouping"/> (then the dashboard has no table for it).</summary>
    public bool Fixes(EffectGrouping grouping) => grouping switch
    {
        EffectGrouping.Municipality => Municipality is not null,
        EffectGrouping.HousingArea => HousingArea is not null,
        EffectGrouping.Direction => Direction is not null,
        EffectGrouping.Cohort => Cohort is not null,
        _ => false,
    };
}
