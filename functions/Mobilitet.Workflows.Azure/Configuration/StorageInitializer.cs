using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Mobilitet.Workflows.Azure.Configuration;

/// <summary>Creates the adapters' tables and blob containers.</summary>
public interface IStorageInitializer
{
    /// <summary>Creates whatever does not exist yet; running it again changes nothing.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);
}

public sealed class StorageInitializer(TableServiceClient tables, BlobServiceClient blobs, IOptions<StorageOptions> options) : IStorageInitializer
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var names = options.Value;
        foreach (var table in StorageNames.AllTables)
        {
            await tables.CreateTableIfNotExistsAsync(names.TableName(table), cancellationToken).ConfigureAwait(false);
        }

        foreach (var container in StorageNames.AllContainers)
        {
            await blobs.GetBlobContainerClient(names.ContainerName(container))
                .CreateIfNotExistsAsync(cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
