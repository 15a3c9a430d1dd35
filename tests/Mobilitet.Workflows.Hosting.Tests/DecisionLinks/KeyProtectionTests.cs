using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Workflows.Hosting.Composition;

namespace Mobilitet.Workflows.Hosting.Tests.DecisionLinks;

/// <summary>
/// With DataProtection:KeyCertificate set (Azure: a Key Vault reference to the certificate's secret), the key ring is
/// wrapped with the certificate at rest: readable with it, not without it. Unset, keys are stored as they are.
/// </summary>
public sealed class KeyProtectionTests
{
    [Fact]
    public void With_a_certificate_the_stored_keys_are_encrypted_and_only_a_host_with_the_certificate_reads_what_was_protected()
    {
        var repository = new MemoryXmlRepository();
        var certificate = Pkcs12("CN=mobilitet-test-1");
        string token;
        using (var wrapped = Services(repository, certificate))
        {
            token = Protector(wrapped).Protect("fa-0123456789abcdef0123-esc-move");
        }

        var key = Assert.Single(repository.GetAllElements());
        Assert.NotNull(key.Descendants(XName.Get("encryptedSecret", "http://schemas.asp.net/2015/03/dataProtection")).SingleOrDefault());
        Assert.Empty(key.Descendants("masterKey"));
        using var withIt = Services(repository, certificate);
        using var withoutIt = Services(repository, certificate: null);
        using var withAnother = Services(repository, Pkcs12("CN=mobilitet-test-2"));
        Assert.Equal("fa-0123456789abcdef0123-esc-move", Protector(withIt).Unprotect(token));
        Assert.ThrowsAny<CryptographicException>(() => Protector(withoutIt).Unprotect(token));
        Assert.ThrowsAny<CryptographicException>(() => Protector(withAnother).Unprotect(token));
    }

    [Fact]
    public void A_previous_certificate_unwraps_the_keys_it_wrapped_after_the_current_one_changed()
    {
        var repository = new MemoryXmlRepository();
        var old = Pkcs12("CN=mobilitet-old");
        string token;
        using (var before = Services(repository, old))
        {
            token = Protector(before).Protect("payload");
        }

        using var after = Services(repository, Pkcs12("CN=mobilitet-new"), previous: old);

        Assert.Equal("payload", Protector(after).Unprotect(token));
    }

    [Fact]
    public void Without_a_certificate_keys_are_stored_unwrapped_and_a_value_that_is_no_certificate_is_refused_by_name()
    {
        var repository = new MemoryXmlRepository();
        using (var plain = Services(repository, certificate: null))
        {
            Protector(plain).Protect("payload");
        }

        Assert.NotEmpty(Assert.Single(repository.GetAllElements()).Descendants("masterKey"));
        var problem = Assert.Throws<InvalidOperationException>(() => Services(new MemoryXmlRepository(), "@Microsoft.KeyVault(SecretUri=https://kv/secrets/x)"));
        Assert.Contains("DataProtection:KeyCertificate", problem.Message, StringComparison.Ordinal);
    }

    private static IDataProtector Protector(ServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Mobilitet.Tests.KeyProtection");

    private static ServiceProvider Services(MemoryXmlRepository repository, string? certificate, string? previous = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["DataProtection:KeyCertificate"] = certificate,
            ["DataProtection:PreviousKeyCertificates:0"] = previous,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddMobilitetWorkflows(configuration);
        services.PostConfigure<KeyManagementOptions>(options => options.XmlRepository = repository);
        return services.BuildServiceProvider();
    }

    /// <summary>What Key Vault hands out as a certificate's secret: the PKCS#12 with its private key, base64.</summary>
    private static string Pkcs12(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12));
    }
}
