using System.Security.Cryptography.X509Certificates;

namespace Mobilitet.Workflows.Hosting.Composition;

/// <summary>
/// Configuration section "DataProtection": the certificate that wraps the Data Protection keys at rest (the key ring in
/// Blob storage), so that reading the storage account is not enough to forge a decision link or a form token. In Azure
/// each value is a Key Vault reference to a Key Vault certificate's secret (its PKCS#12, base64: how Key Vault hands
/// out a certificate with its private key). Unset (the local host, tests): keys are stored unwrapped.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>Base64 PKCS#12 (no password) of the certificate that wraps new keys.</summary>
    public string? KeyCertificate { get; set; }

    /// <summary>
    /// Certificates that wrapped keys before (after a renewal that made a new key pair): they only unwrap, so keys
    /// wrapped before the renewal — and the links they protect — keep working.
    /// </summary>
    public IReadOnlyList<string> PreviousKeyCertificates { get; set; } = [];

    public static X509Certificate2 Load(string base64Pkcs12)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(base64Pkcs12);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64Pkcs12);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{Section}:{nameof(KeyCertificate)} must be a base64 PKCS#12 certificate (is the Key Vault reference resolved?).");
        }

        var certificate = X509CertificateLoader.LoadPkcs12(bytes, password: null, X509KeyStorageFlags.EphemeralKeySet);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"{Section}:{nameof(KeyCertificate)} has no private key: use the certificate's secret, not the certificate.");
    }
}
