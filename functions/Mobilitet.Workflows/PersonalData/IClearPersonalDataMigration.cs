namespace Mobilitet.Workflows.PersonalData;

/// <summary>
/// A store of personal data that may still hold values written in clear text before encryption at rest: it encrypts
/// them in place. Run by <c>PersonalDataEncryptionMigration</c>; safe to run again (encrypted values are left alone)
/// and while the system runs (a row is rewritten only if unchanged since it was read).
/// </summary>
public interface IClearPersonalDataMigration
{
    /// <returns>How many rows or blobs it encrypted.</returns>
    Task<int> EncryptClearTextAsync(CancellationToken cancellationToken);
}
