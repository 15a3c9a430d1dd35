namespace Mobilitet.Workflows.RegisterImports;

/// <summary>
/// Which agreement a person in register data belongs to, without the CPR: person key → agreement and municipality,
/// one entry per agreement. The entry is written when the agreement is created (as its CPR goes into the vault) and
/// removed when its personal data is erased. It is read a municipality at a time: an import matches rows only within
/// the municipalities its uploader holds, so an agreement elsewhere is never found, let alone revealed.
/// </summary>
public interface IPersonKeyIndex
{
    /// <summary>Adds the agreement's entry (adding it again replaces it).</summary>
    Task AddAsync(PersonKeyEntry entry, CancellationToken cancellationToken);

    /// <summary>Every entry of the municipality's agreements, in no particular order.</summary>
    Task<IReadOnlyList<PersonKeyEntry>> ListAsync(string municipalityCode, CancellationToken cancellationToken);

    /// <summary>Whether the agreement still has its entry (not once its personal data is erased).</summary>
    Task<bool> ContainsAsync(string municipalityCode, string agreementId, CancellationToken cancellationToken);

    /// <summary>Removes the agreement's entry; one already gone is fine.</summary>
    Task RemoveAsync(string municipalityCode, string agreementId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the agreement's entry without knowing its municipality (personal data whose agreement row was never
    /// stored): a scan of the whole index, for the rare sweep, not for everyday erasure.
    /// </summary>
    Task RemoveWhereverAsync(string agreementId, CancellationToken cancellationToken);
}
