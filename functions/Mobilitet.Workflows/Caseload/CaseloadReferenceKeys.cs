using System.Security.Cryptography;
using System.Text;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Caseload;

/// <summary>
/// Turns a caseload reference (chosen by the institution, so possibly telling: a case number, a name) into a key that
/// may be stored: HMAC-SHA256 of the municipality code and the reference (NFC), keyed with a key derived from the
/// person-key secret (<see cref="PersonKeyOptions"/>) for this use only, as 64 lowercase hex digits. The reference is
/// never stored, logged or used as an id.
/// </summary>
public sealed class CaseloadReferenceKeys
{
    private readonly byte[] key;

    public CaseloadReferenceKeys(PersonKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ToPersonKeys(); // the same checks and messages for a missing or unusable secret
        var secret = Convert.FromBase64String(options.PersonKeySecret!);
        key = HMACSHA256.HashData(secret, "mobilitet:caseload-reference:v1"u8);
    }

    public string KeyOf(string municipalityCode, string reference)
    {
        ArgumentNullException.ThrowIfNull(municipalityCode);
        ArgumentNullException.ThrowIfNull(reference);
        var text = Encoding.UTF8.GetBytes(municipalityCode + "\n" + reference.Normalize(NormalizationForm.FormC));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, text));
    }

    /// <summary>Never the key.</summary>
    public override string ToString() => nameof(CaseloadReferenceKeys);
}
