namespace Mobilitet.Workflows.Indicators;

/// <summary>
/// Indicator values a caseworker recorded by hand for a milestone (<c>POST /agreements/{id}/measurements</c>), with
/// who and when. They are the fallback for a window the register extracts do not cover
/// (<see cref="Measurements.MilestoneIndicatorSource"/>).
/// </summary>
public interface IIndicatorStore
{
    /// <summary>The values recorded for the milestone, or null when none were.</summary>
    Task<ManualIndicators?> FindAsync(string agreementId, Milestone milestone, CancellationToken cancellationToken);

    /// <summary>Records the milestone's values, replacing any recorded before.</summary>
    Task SaveAsync(string agreementId, Milestone milestone, ManualIndicators entry, CancellationToken cancellationToken);

    Task EraseAsync(string agreementId, CancellationToken cancellationToken);
}

/// <summary>
/// Values recorded by hand: by whom (an opaque user id, never a name) and when. Both are null for values recorded
/// before the store kept them.
/// </summary>
public sealed record ManualIndicators(IndicatorValues Values, string? EnteredBy, DateTimeOffset? EnteredAt);
