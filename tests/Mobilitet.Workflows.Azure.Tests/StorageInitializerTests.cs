using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Mobilitet.Testing;
using Mobilitet.Workflows.Azure.Configuration;

namespace Mobilitet.Workflows.Azure.Tests;

[Collection(SharedAzurite.Name)]
public sealed class StorageInitializerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Creates_every_table_and_container_and_can_run_again()
    {
        var options = azurite.CreateStorageOptions(AzuriteFixture.NewTablePrefix());
        var tables = new TableServiceClient(azurite.ConnectionString);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var initializer = new StorageInitializer(tables, blobs, Microsoft.Extensions.Options.Options.Create(options));

        await initializer.EnsureCreatedAsync(CancellationToken.None);
        await initializer.EnsureCreatedAsync(CancellationToken.None);

        List<string> created = [];
        await foreach (var table in tables.QueryAsync(cancellationToken: CancellationToken.None))
        {
            if (table.Name.StartsWith(options.TablePrefix, StringComparison.Ordinal))
            {
                created.Add(table.Name);
            }
        }

        Assert.Equal(StorageNames.AllTables.Select(options.TableName).Order(StringComparer.Ordinal), created.Order(StringComparer.Ordinal));
        Assert.True(await blobs.GetBlobContainerClient(options.ContainerName(StorageNames.DocumentsContainer)).ExistsAsync());
        Assert.True(await blobs.GetBlobContainerClient(options.ContainerName(StorageNames.DataProtectionContainer)).ExistsAsync());
        Assert.Equal(options.TablePrefix.ToLowerInvariant() + "agreement-documents", options.ContainerName(StorageNames.DocumentsContainer));
    }
}
