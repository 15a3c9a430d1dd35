namespace Mobilitet.Workflows.PersonalData;

/// <summary>
/// Encrypts personal data before a storage adapter writes it, and decrypts it when read. One protector for every kind
/// of personal data at rest; the kind picks the purpose, so a value of one kind cannot be decrypted as another.
/// Values stored before encryption (clear text) are read as they are, until the migration
/// (<see cref="IClearPersonalDataMigration"/>) has encrypted them.
/// </summary>
public interface IPersonalDataProtector
{
    /// <returns>The value encrypted, marked so that <see cref="IsProtected"/> recognises it.</returns>
    string Protect(PersonalDataKind kind, string clearText);

    /// <returns>The clear text of a protected value; a value stored in clear text (before encryption) as it is.</returns>
    string Unprotect(PersonalDataKind kind, string stored);

    /// <summary>Whether a stored value is encrypted (rather than clear text written before encryption).</summary>
    bool IsProtected(string stored);
}
