namespace Mobilitet.Workflows.Timeline;

/// <summary>Writing a step of an agreement's lifecycle to its timeline exactly once.</summary>
public static class TimelineSteps
{
    /// <summary>
    /// Appends <paramref name="entry"/> unless the same step (kind, detail and actor) is already on the timeline. A retried
    /// activity writes the same row again (same orchestration time, same key), which the table keeps once; but when an
    /// orchestration episode's history commit fails after it sent its activity messages (the host killed, storage gone at
    /// that moment), the engine runs the episode again at a later orchestration time and the activity runs again with a new
    /// time, so the key alone would keep both (found by the crash-storm test, docs/reliability.md). Every step the workflow
    /// records is unique by kind, detail and actor (reminders are numbered, escalation steps carry subject and level).
    /// </summary>
    public static async Task AppendStepOnceAsync(this ITimeline timeline, string agreementId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(entry);
        var recorded = await timeline.ReadAsync(agreementId, cancellationToken).ConfigureAwait(false);
        if (recorded.Any(step => step.Kind == entry.Kind && step.Detail == entry.Detail && step.Actor == entry.Actor && step.At != entry.At))
        {
            return;
        }

        await timeline.AppendAsync(agreementId, entry, cancellationToken).ConfigureAwait(false);
    }
}
