namespace Mobilitet.Workflows.Timeline;

/// <summary>An agreement's audit trail. Entries are keyed by time and kind, so writing one twice keeps one.</summary>
public interface ITimeline
{
    /// <summary>Starts a new agreement's timeline with its first entry (its creation).</summary>
    Task StartAsync(string agreementId, TimelineEntry created, CancellationToken cancellationToken);

    Task AppendAsync(string agreementId, TimelineEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="entry"/> unless the same step (kind, detail and actor) is already on the timeline, and says
    /// whether it did. A retried activity writes the same row again (same orchestration time, same key), which the table
    /// keeps once; but when an orchestration episode's history commit fails after it sent its activity messages (the host
    /// killed, storage gone at that moment), the engine runs the episode again at a later orchestration time and the
    /// activity runs again with a new time, so the key alone would keep both (found by the crash-storm test,
    /// docs/reliability.md). Every step the workflow records is unique by kind, detail and actor (reminders are numbered,
    /// escalation steps carry subject and level).
    /// </summary>
    Task<bool> AppendStepOnceAsync(string agreementId, TimelineEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<TimelineEntry>> ReadAsync(string agreementId, CancellationToken cancellationToken);
}
