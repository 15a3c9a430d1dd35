namespace Mobilitet.Workflows.PersonalData;

/// <summary>
/// The vault's parties rows by when they were last written, for the sweep of personal data whose agreement was never
/// stored (a create interrupted between its vault row and its agreement row). Lists ids and versions only, never a value.
/// </summary>
public interface IVaultInventory
{
    /// <summary>The parties rows last written at or after <paramref name="writtenFrom"/> and before <paramref name="writtenBefore"/>.</summary>
    Task<IReadOnlyList<VaultParties>> ListPartiesWrittenAsync(DateTimeOffset writtenFrom, DateTimeOffset writtenBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Erases everything the vault holds about the agreement, but only if its parties row is still the version listed:
    /// false (nothing erased) if anyone wrote it since. A parties row already gone (erased before, or by this call when
    /// storage's answer was lost and the retry found it gone) still has the agreement's other rows erased, and is true.
    /// </summary>
    Task<bool> EraseIfUnchangedAsync(VaultParties parties, CancellationToken cancellationToken);
}

/// <summary>An agreement's parties row as listed: its id and the row's version (an ETag), no personal data.</summary>
public sealed record VaultParties(string AgreementId, string Version);
