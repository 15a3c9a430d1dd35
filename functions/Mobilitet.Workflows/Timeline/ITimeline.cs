namespace Mobilitet.Workflows.Timeline;

/// <summary>An agreement's audit trail. Entries are keyed by time and kind, so writing one twice keeps one.</summary>
public interface ITimeline
{
    Task AppendAsync(string agreementId, TimelineEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<TimelineEntry>> ReadAsync(string agreementId, CancellationToken cancellationToken);
}
