using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Each agreement's timeline in memory, in the order entries were appended (one entry per instant and kind, as the table keys them).</summary>
public sealed class InMemoryTimeline : ITimeline
{
    private readonly Dictionary<string, List<TimelineEntry>> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public Task StartAsync(string agreementId, TimelineEntry created, CancellationToken cancellationToken) =>
        AppendAsync(agreementId, created, cancellationToken);

    public Task AppendAsync(string agreementId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            Append(TimelineOf(agreementId), entry);
        }

        return Task.CompletedTask;
    }

    /// <summary>The same step (kind, detail and actor), at any time, is recorded already, as the table adapter's markers say.</summary>
    public Task<bool> AppendStepOnceAsync(string agreementId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            var list = TimelineOf(agreementId);
            if (list.Any(step => step.Kind == entry.Kind && step.Detail == entry.Detail && step.Actor == entry.Actor))
            {
                return Task.FromResult(false);
            }

            Append(list, entry);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<TimelineEntry>> ReadAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<TimelineEntry> copy = entries.TryGetValue(agreementId, out var list) ? [.. list] : [];
            return Task.FromResult(copy);
        }
    }

    private List<TimelineEntry> TimelineOf(string agreementId)
    {
        if (!entries.TryGetValue(agreementId, out var list))
        {
            entries[agreementId] = list = [];
        }

        return list;
    }

    /// <summary>The table adapter keys an entry by its instant and kind: a retried activity writes the same row.</summary>
    private static void Append(List<TimelineEntry> list, TimelineEntry entry)
    {
        if (!list.Any(existing => existing.At == entry.At && existing.Kind == entry.Kind && existing.Detail == entry.Detail))
        {
            list.Add(entry);
        }
    }
}
