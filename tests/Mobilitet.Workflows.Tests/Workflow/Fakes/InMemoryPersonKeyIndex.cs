using Mobilitet.Workflows.RegisterImports;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>The person-key index in memory, by municipality and agreement like the table.</summary>
public sealed class InMemoryPersonKeyIndex : IPersonKeyIndex
{
    private readonly Dictionary<(string MunicipalityCode, string AgreementId), PersonKeyEntry> entries = [];
    private readonly Lock gate = new();

    /// <summary>How many times a municipality was listed (an import reads each of its uploader's municipalities once).</summary>
    public int Lists { get; private set; }

    public IReadOnlyList<PersonKeyEntry> All
    {
        get
        {
            lock (gate)
            {
                return [.. entries.Values];
            }
        }
    }

    public Task AddAsync(PersonKeyEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            entries[(entry.MunicipalityCode, entry.AgreementId)] = entry;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PersonKeyEntry>> ListAsync(string municipalityCode, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Lists++;
            return Task.FromResult<IReadOnlyList<PersonKeyEntry>>([.. entries.Values.Where(entry => entry.MunicipalityCode == municipalityCode)]);
        }
    }

    public Task<bool> ContainsAsync(string municipalityCode, string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(entries.ContainsKey((municipalityCode, agreementId)));
        }
    }

    public Task RemoveAsync(string municipalityCode, string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            entries.Remove((municipalityCode, agreementId));
        }

        return Task.CompletedTask;
    }

    public Task RemoveWhereverAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            entries.Keys.Where(key => key.AgreementId == agreementId).ToList().ForEach(key => entries.Remove(key));
        }

        return Task.CompletedTask;
    }
}
