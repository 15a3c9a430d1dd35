using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>The agreements read model in memory, with the table adapter's rule that an older change never overwrites a newer one.</summary>
public sealed class InMemoryAgreementRepository : IAgreementRepository
{
    private readonly Dictionary<string, AgreementRecord> rows = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public Task AddAsync(AgreementRecord agreement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        lock (gate)
        {
            rows.TryAdd(agreement.AgreementId, agreement);
        }

        return Task.CompletedTask;
    }

    public Task<AgreementRecord?> FindAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(rows.GetValueOrDefault(agreementId));
        }
    }

    public Task<IReadOnlyList<AgreementRecord>> ListAsync(string? municipalityCode, AgreementStatus? status, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<AgreementRecord> matching = [.. rows.Values.Where(row =>
                (municipalityCode is null || row.MunicipalityCode == municipalityCode) && (status is null || row.Status == status))];
            return Task.FromResult(matching);
        }
    }

    public Task<IReadOnlyList<AgreementRecord>> ListDueForErasureAsync(AgreementStatus status, DateTimeOffset endedBefore, int max, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<AgreementRecord> due = [.. rows.Values
                .Where(row => row.Status == status && row.PersonalDataErasedAt is null && row.EndedOrLastChangedAt < endedBefore)
                .OrderBy(row => row.EndedOrLastChangedAt)
                .ThenBy(row => row.AgreementId, StringComparer.Ordinal)
                .Take(max)];
            return Task.FromResult(due);
        }
    }

    public Task UpdateAsync(string agreementId, DateTimeOffset at, Func<AgreementRecord, AgreementRecord> change, CancellationToken cancellationToken) =>
        ChangeAsync(agreementId, at, change, evenIfOlder: false);

    public Task RecordFactAsync(string agreementId, DateTimeOffset at, Func<AgreementRecord, AgreementRecord> change, CancellationToken cancellationToken) =>
        ChangeAsync(agreementId, at, change, evenIfOlder: true);

    private Task ChangeAsync(string agreementId, DateTimeOffset at, Func<AgreementRecord, AgreementRecord> change, bool evenIfOlder)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (gate)
        {
            if (rows.TryGetValue(agreementId, out var current) && (at >= current.LastChangedAt || evenIfOlder))
            {
                rows[agreementId] = AgreementRecord.WithEnd(current, change(current), at) with { LastChangedAt = at > current.LastChangedAt ? at : current.LastChangedAt };
            }
        }

        return Task.CompletedTask;
    }

    public async Task<bool> SetTaskSummaryAsync(string agreementId, Func<CancellationToken, Task<TaskSummary>> summarize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summarize);
        while (true)
        {
            AgreementRecord? before;
            lock (gate)
            {
                before = rows.GetValueOrDefault(agreementId);
            }

            if (before is null)
            {
                return false;
            }

            var summary = await summarize(cancellationToken);
            lock (gate)
            {
                // Written only if nobody wrote in between, as the table adapter does with its ETag.
                if (ReferenceEquals(rows.GetValueOrDefault(agreementId), before))
                {
                    rows[agreementId] = before with { OpenTaskCount = summary.OpenCount, EarliestTaskDueAt = summary.EarliestDueAt };
                    return true;
                }
            }
        }
    }

    public Task RemoveAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            rows.Remove(agreementId);
        }

        return Task.CompletedTask;
    }
}
