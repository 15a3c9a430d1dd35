using System.Xml.Linq;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Testing;
using Mobilitet.Workflows.Azure.Blobs;
using Mobilitet.Workflows.Azure.Configuration;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>The Data Protection key ring in Blob storage: what one instance protects, another reads.</summary>
public sealed class DataProtectionKeyRingTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private BlobXmlRepository Repository => Get<BlobXmlRepository>();

    [Fact]
    public void Stored_elements_read_back_one_blob_each()
    {
        var before = Repository.GetAllElements().Count;
        var key = new XElement("key", new XAttribute("id", Guid.NewGuid()), new XElement("creationDate", "2027-03-01T00:00:00Z"));

        Repository.StoreElement(key, "key-" + key.Attribute("id")!.Value);
        Repository.StoreElement(new XElement("revocation", new XElement("reason", "test")), "revocation-20270301");

        var all = Repository.GetAllElements();
        Assert.Equal(before + 2, all.Count);
        Assert.Contains(all, element => XNode.DeepEquals(element, key));
        var container = Get<BlobServiceClient>().GetBlobContainerClient(Azurite.CreateStorageOptions(TablePrefix).ContainerName(StorageNames.DataProtectionContainer));
        Assert.True(container.GetBlobClient($"key-{key.Attribute("id")!.Value}.xml").Exists());
    }

    [Fact]
    public void Storing_an_element_again_never_overwrites_the_first()
    {
        var name = "key-" + Guid.NewGuid();
        Repository.StoreElement(new XElement("key", "first"), name);

        Repository.StoreElement(new XElement("key", "second"), name);

        Assert.Single(Repository.GetAllElements(), element => element.Value == "first");
        Assert.DoesNotContain(Repository.GetAllElements(), element => element.Value == "second");
    }

    [Fact]
    public void A_fresh_store_without_the_container_reads_an_empty_ring_and_its_first_key_creates_the_container()
    {
        // The host may ask for the key ring before its start-up has created the containers (a first local start).
        var options = Azurite.CreateStorageOptions(AzuriteFixture.NewTablePrefix());
        var fresh = new BlobXmlRepository(Get<BlobServiceClient>(), Microsoft.Extensions.Options.Options.Create(options));
        var container = Get<BlobServiceClient>().GetBlobContainerClient(options.ContainerName(StorageNames.DataProtectionContainer));
        Assert.False(container.Exists());

        Assert.Empty(fresh.GetAllElements());
        fresh.StoreElement(new XElement("key", "first"), "key-first");

        Assert.True(container.Exists());
        Assert.Single(fresh.GetAllElements(), element => element.Value == "first");
    }

    [Theory]
    [InlineData("key-1234", "key-1234.xml")]
    [InlineData("../../evil", "------evil.xml")]
    [InlineData("a/b\\c", "a-b-c.xml")]
    public void Blob_names_come_from_the_friendly_name_made_safe(string friendlyName, string blobName)
    {
        Assert.Equal(blobName, BlobXmlRepository.BlobName(friendlyName));
    }

    [Fact]
    public void What_one_instance_protects_another_instance_on_the_same_key_ring_unprotects()
    {
        using var first = Instance();
        using var second = Instance();

        var secret = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hemmelig");

        Assert.Equal("hemmelig", second.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
        Assert.Contains(Repository.GetAllElements(), element => element.Name == "key");
    }

    // An app instance: its own services and key manager, the shared container and application name.
    private ServiceProvider Instance()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Get<BlobServiceClient>());
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Azurite.CreateStorageOptions(TablePrefix)));
        services.AddSingleton<BlobXmlRepository>();
        services.AddDataProtection().SetApplicationName("Mobilitet.Workflows.Tests");
        services.AddOptions<KeyManagementOptions>().Configure<BlobXmlRepository>((options, repository) => options.XmlRepository = repository);
        return services.BuildServiceProvider();
    }
}
