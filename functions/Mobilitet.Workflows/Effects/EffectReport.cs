using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Effects;

/// <summary>
/// The effect dashboard: the filtered agreements as a whole, and a table per grouping the filter leaves open.
/// Aggregates only — no agreement id, no person — and every number follows <see cref="Suppression"/>.
/// </summary>
public sealed record EffectReport
{
    public required EffectRow Total { get; init; }

    public required IReadOnlyList<EffectTable> Tables { get; init; }
}

/// <summary>The filtered agreements grouped by one <see cref="EffectGrouping"/>, one row per group, in the grouping's order.</summary>
public sealed record EffectTable(EffectGrouping Grouping, IReadOnlyList<EffectRow> Rows);

/// <summary>One group's numbers.</summary>
/// <param name="Key">The group's value as a filter takes it (municipality code, normalised area, "out"/"in", "2026-Q4"); null for the total.</param>
/// <param name="Label">The group as people read it (Danish).</param>
public sealed record EffectRow(
    string? Key,
    string Label,
    Figure Agreements,
    IReadOnlyDictionary<AgreementStatus, Figure> ByStatus,
    IReadOnlyDictionary<Milestone, MilestoneEffect> Milestones,
    EscalationEffect Escalations);

/// <summary>
/// The change at a milestone against the agreements' own baselines, over the agreements measured at it (with values).
/// </summary>
/// <param name="Measured">Agreements with values at the milestone (and a baseline).</param>
/// <param name="ShareOnTrack">Of those, the share whose measurement was on track (0–1).</param>
/// <param name="SelfSufficiencyChangeMean">Mean change of the self-sufficiency rate (fraction: 0.05 is 5 percentage points).</param>
/// <param name="NetContributionChangeMean">Mean change of the annual net contribution (taxes − transfers − service costs), DKK per year.</param>
public sealed record MilestoneEffect(
    Figure Measured,
    Figure ShareOnTrack,
    Figure SelfSufficiencyChangeMean,
    Figure SelfSufficiencyChangeMedian,
    Figure NetContributionChangeMean,
    Figure NetContributionChangeMedian);

/// <summary>Escalations of the group's agreements: opened, resolved (decided, or closed or cancelled by the system) and unresolved (still without a decision).</summary>
public sealed record EscalationEffect(Figure Opened, Figure Resolved, Figure Unresolved);
