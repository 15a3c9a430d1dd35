using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Each agreement's timeline in memory, in the order entries were appended (one entry per instant and kind, as the table keys them).</summary>
public sealed class InMemoryTimeline : ITimeline
{
    private readonly Dictionary<string, List<TimelineEntry>> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public Task AppendAsync(string agreementId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            if (!entries.TryGetValue(agreementId, out var list))
            {
                entries[agreementId] = list = [];
            }

            // The table adapter keys an entry by its instant and kind: a retried activity writes the same row.
            if (!list.Any(existing => existing.At == entry.At && existing.Kind == entry.Kind && existing.Detail == entry.Detail))
            {
                list.Add(entry);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TimelineEntry>> ReadAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<TimelineEntry> copy = entries.TryGetValue(agreementId, out var list) ? [.. list] : [];
            return Task.FromResult(copy);
        }
    }
}
