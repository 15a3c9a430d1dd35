using System.Security.Cryptography;
using System.Text;

namespace Mobilitet.Workflows.Registers;

/// <summary>
/// Turns a CPR number into a <see cref="PersonKey"/>: HMAC-SHA256, keyed with a secret of at least 32 bytes, of the
/// normalised 10 ASCII digits, written as 64 lowercase hex digits. Keyed, because there are few enough CPR numbers
/// to hash them all: without the secret a plain hash is a lookup table away from the number. Same CPR and key →
/// same person key; another key → unrelated keys (so changing the key means re-keying every stored row).
/// The class keeps only the key; it logs nothing and keeps no CPR.
/// </summary>
public sealed class PersonKeys
{
    public const int MinimumKeyBytes = 32;

    private readonly byte[] key;

    public PersonKeys(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"The person-key secret must be at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        this.key = key.ToArray();
    }

    /// <summary>From a base64 secret as configuration holds it (Key Vault in Azure). The secret is never echoed.</summary>
    public static PersonKeys FromBase64(string base64Key)
    {
        ArgumentNullException.ThrowIfNull(base64Key);
        var bytes = new byte[(base64Key.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(base64Key, bytes, out var written)
            ? new PersonKeys(bytes.AsSpan(0, written))
            : throw new ArgumentException("The person-key secret is not valid base64.", nameof(base64Key));
    }

    public PersonKey KeyOf(Cpr cpr)
    {
        ArgumentNullException.ThrowIfNull(cpr);
        Span<byte> digits = stackalloc byte[10];
        Encoding.ASCII.GetBytes(cpr.Digits, digits);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, digits, hash);
        return new PersonKey(Convert.ToHexStringLower(hash));
    }

    /// <summary>
    /// For a CPR as the vault holds it ("ddmmyyxxxx" or "ddmmyy-xxxx"). An invalid one throws an exception that
    /// does not contain it.
    /// </summary>
    public PersonKey KeyOf(string cpr) =>
        Cpr.TryParse(cpr, out var parsed, out var problem)
            ? KeyOf(parsed)
            : throw new ArgumentException($"Not a valid CPR number ({problem}).", nameof(cpr));

    /// <summary>Never the secret.</summary>
    public override string ToString() => nameof(PersonKeys);
}
