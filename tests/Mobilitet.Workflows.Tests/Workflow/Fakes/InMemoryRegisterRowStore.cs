using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Register rows in memory, keyed by agreement, upload and line like the table; resolved on read the same way.</summary>
public sealed class InMemoryRegisterRowStore : IRegisterRowStore
{
    private readonly Dictionary<string, Dictionary<RowRef, AmountRow>> amounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<RowRef, WeeklyRow>> weekly = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>How many times rows were saved (each call, whatever it held).</summary>
    public int Saves { get; private set; }

    /// <summary>The agreements that have rows.</summary>
    public IReadOnlySet<string> Agreements
    {
        get
        {
            lock (gate)
            {
                return amounts.Where(pair => pair.Value.Count > 0).Select(pair => pair.Key)
                    .Concat(weekly.Where(pair => pair.Value.Count > 0).Select(pair => pair.Key))
                    .ToHashSet(StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Every stored row of the agreement as stored (every upload's), without the rule applied.</summary>
    public (IReadOnlyList<AmountRow> Amounts, IReadOnlyList<WeeklyRow> Weekly) Stored(string agreementId)
    {
        lock (gate)
        {
            return (
                amounts.TryGetValue(agreementId, out var a) ? [.. a.Values] : [],
                weekly.TryGetValue(agreementId, out var w) ? [.. w.Values] : []);
        }
    }

    public Task SaveAsync(string agreementId, IReadOnlyCollection<AmountRow> amounts, IReadOnlyCollection<WeeklyRow> weekly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        ArgumentNullException.ThrowIfNull(weekly);
        lock (gate)
        {
            Saves++;
            var storedAmounts = Partition(this.amounts, agreementId);
            foreach (var row in amounts)
            {
                storedAmounts[row.Source] = row with { Person = RegisterRows.Resident };
            }

            var storedWeekly = Partition(this.weekly, agreementId);
            foreach (var row in weekly)
            {
                storedWeekly[row.Source] = row with { Person = RegisterRows.Resident };
            }
        }

        return Task.CompletedTask;
    }

    public Task<RegisterRows> ReadAsync(string agreementId, CancellationToken cancellationToken)
    {
        var (storedAmounts, storedWeekly) = Stored(agreementId);
        return Task.FromResult(RegisterRows.Resolve(storedAmounts, storedWeekly));
    }

    public Task EraseAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            amounts.Remove(agreementId);
            weekly.Remove(agreementId);
        }

        return Task.CompletedTask;
    }

    private static Dictionary<RowRef, T> Partition<T>(Dictionary<string, Dictionary<RowRef, T>> rows, string agreementId)
    {
        if (!rows.TryGetValue(agreementId, out var partition))
        {
            rows[agreementId] = partition = [];
        }

        return partition;
    }
}
