using Microsoft.AspNetCore.DataProtection;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Azure.Protection;

/// <summary>
/// <see cref="IPersonalDataProtector"/> over ASP.NET Core Data Protection (AES-256-CBC + HMAC-SHA256 by default), with the
/// key ring the decision links use: Blob storage, wrapped by the Key Vault certificate when one is configured. Data
/// Protection rotates keys (90 days) and keeps old ones in the ring, so values encrypted years ago still decrypt.
/// A protected value is <see cref="Marker"/> followed by Data Protection's base64url payload; anything else is clear
/// text written before encryption.
/// </summary>
public sealed class DataProtectionPersonalDataProtector : IPersonalDataProtector
{
    /// <summary>Starts every protected value; "v1" names this format, not a key.</summary>
    public const string Marker = "pd1:";

    private readonly IReadOnlyDictionary<PersonalDataKind, IDataProtector> protectors;

    public DataProtectionPersonalDataProtector(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        protectors = Enum.GetValues<PersonalDataKind>().ToDictionary(kind => kind, kind => provider.CreateProtector(Purpose(kind)));
    }

    /// <summary>The Data Protection purpose of a kind; changing one makes its stored values unreadable.</summary>
    public static string Purpose(PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.Vault => "Mobilitet.PersonalData.Vault.v1",
        PersonalDataKind.Outbox => "Mobilitet.PersonalData.Outbox.v1",
        PersonalDataKind.Documents => "Mobilitet.PersonalData.Documents.v1",
        PersonalDataKind.CaseloadImport => "Mobilitet.PersonalData.CaseloadImport.v1",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No purpose for this kind."),
    };

    public string Protect(PersonalDataKind kind, string clearText)
    {
        ArgumentNullException.ThrowIfNull(clearText);
        return Marker + protectors[kind].Protect(clearText);
    }

    public string Unprotect(PersonalDataKind kind, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return IsProtected(stored) ? protectors[kind].Unprotect(stored[Marker.Length..]) : stored;
    }

    public bool IsProtected(string stored) => stored is not null && stored.StartsWith(Marker, StringComparison.Ordinal);
}
