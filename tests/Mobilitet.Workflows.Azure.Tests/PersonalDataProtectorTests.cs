using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Testing;
using Mobilitet.Workflows.Azure.Blobs;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Protection;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>The protector over Data Protection with the key ring in Blob storage, as the adapters are composed.</summary>
public sealed class PersonalDataProtectorTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private const string Cpr = "0101901234";

    private IPersonalDataProtector Protector => Get<IPersonalDataProtector>();

    [Fact]
    public void A_protected_value_is_marked_holds_no_clear_text_and_reads_back()
    {
        var stored = Protector.Protect(PersonalDataKind.Vault, "Åse Ørnsø " + Cpr);

        Assert.True(Protector.IsProtected(stored));
        Assert.StartsWith(DataProtectionPersonalDataProtector.Marker, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Cpr, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Ørnsø", stored, StringComparison.Ordinal);
        Assert.Equal("Åse Ørnsø " + Cpr, Protector.Unprotect(PersonalDataKind.Vault, stored));
        Assert.NotEqual(stored, Protector.Protect(PersonalDataKind.Vault, "Åse Ørnsø " + Cpr)); // randomised: equal values do not show
    }

    [Fact]
    public void A_value_stored_in_clear_text_before_encryption_reads_as_it_is()
    {
        Assert.False(Protector.IsProtected(Cpr));
        Assert.Equal(Cpr, Protector.Unprotect(PersonalDataKind.Vault, Cpr));
        Assert.Equal(string.Empty, Protector.Unprotect(PersonalDataKind.Outbox, string.Empty));
    }

    [Fact]
    public void Each_kind_has_its_own_purpose_so_a_value_of_one_kind_does_not_decrypt_as_another()
    {
        var outbox = Protector.Protect(PersonalDataKind.Outbox, "karin@example.dk");

        Assert.ThrowsAny<CryptographicException>(() => Protector.Unprotect(PersonalDataKind.Vault, outbox));
        Assert.Equal(
            Enum.GetValues<PersonalDataKind>().Length,
            Enum.GetValues<PersonalDataKind>().Select(DataProtectionPersonalDataProtector.Purpose).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void After_a_key_rotation_new_values_use_the_new_key_and_old_values_still_decrypt()
    {
        var old = Protector.Protect(PersonalDataKind.Vault, Cpr);

        // A new default key, as Data Protection makes every 90 days; the old one stays in the ring (Blob storage).
        var now = DateTimeOffset.UtcNow;
        Get<IKeyManager>().CreateNewKey(now.AddSeconds(-1), now.AddDays(90));
        using var restarted = Restarted();
        var protector = restarted.GetRequiredService<IPersonalDataProtector>();

        Assert.Equal(Cpr, protector.Unprotect(PersonalDataKind.Vault, old));
        Assert.Equal(Cpr, protector.Unprotect(PersonalDataKind.Vault, protector.Protect(PersonalDataKind.Vault, Cpr)));
        Assert.True(Get<BlobXmlRepository>().GetAllElements().Count(element => element.Name == "key") >= 2);
    }

    // Another instance on the same storage: it knows only what the key ring in Blob storage holds.
    private ServiceProvider Restarted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Azurite.StorageSettings(TablePrefix)).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAzureStorageAdapters(configuration);
        return services.BuildServiceProvider();
    }
}
