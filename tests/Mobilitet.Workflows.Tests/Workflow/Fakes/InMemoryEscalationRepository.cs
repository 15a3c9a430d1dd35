using Mobilitet.Workflows.Escalations;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Escalations in memory, with every state each was saved in (so a test sees the levels it passed).</summary>
public sealed class InMemoryEscalationRepository : IEscalationRepository
{
    private readonly Dictionary<string, EscalationRecord> rows = new(StringComparer.Ordinal);
    private readonly List<EscalationRecord> saves = [];
    private readonly Lock gate = new();

    public Task SaveAsync(EscalationRecord escalation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        lock (gate)
        {
            rows[escalation.EscalationId] = escalation;
            saves.Add(escalation);
        }

        return Task.CompletedTask;
    }

    public Task<EscalationRecord?> FindAsync(string escalationId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(rows.GetValueOrDefault(escalationId));
        }
    }

    public async IAsyncEnumerable<EscalationRecord> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<EscalationRecord> all;
        lock (gate)
        {
            all = [.. rows.Values];
        }

        foreach (var row in all)
        {
            await Task.Yield();
            yield return row;
        }
    }

    public Task<IReadOnlyList<EscalationRecord>> ListAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<EscalationRecord> list = [.. rows.Values.Where(row => row.AgreementId == agreementId).OrderBy(row => row.RaisedAt)];
            return Task.FromResult(list);
        }
    }

    /// <summary>Every state the escalation was saved in, in order.</summary>
    public IReadOnlyList<EscalationRecord> SavesOf(string escalationId)
    {
        lock (gate)
        {
            return [.. saves.Where(save => save.EscalationId == escalationId)];
        }
    }
}
