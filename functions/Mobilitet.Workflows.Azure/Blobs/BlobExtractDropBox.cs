using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Azure.Blobs;

/// <summary>
/// The drop folder: blobs under <see cref="DroppedExtractName.Folder"/> ("incoming/") in container
/// <see cref="StorageNames.RegisterExtractsContainer"/>, beside the kept copies under <see cref="BlobExtractArchive.ImportsFolder"/>.
/// A file is read at one version (its ETag) and removed only at that version, so a file dropped again under the same
/// name while the first was imported is not lost.
/// </summary>
public sealed class BlobExtractDropBox : IExtractDropBox
{
    private const int PreconditionFailed = 412;

    private readonly BlobContainerClient container;

    public BlobExtractDropBox(BlobServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        container = service.GetBlobContainerClient(options.Value.ContainerName(StorageNames.RegisterExtractsContainer));
    }

    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = DroppedExtractName.Folder }, cancellationToken).ConfigureAwait(false))
        {
            yield return blob.Name;
        }
    }

    public async Task<DroppedExtract?> ReadAsync(string name, int maxBytes, CancellationToken cancellationToken)
    {
        var blob = Blob(name);
        // A file replaced between the two requests is read again, at its new version.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
                var atVersion = new BlobRequestConditions { IfMatch = properties.ETag };
                if (properties.ContentLength > maxBytes)
                {
                    using var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { Conditions = atVersion }, cancellationToken).ConfigureAwait(false);
                    var hash = await ExtractContentHash.ComputeAsync(stream, cancellationToken).ConfigureAwait(false);
                    return new DroppedExtract(name, properties.ETag.ToString(), null, hash, properties.ContentLength);
                }

                var download = await blob.DownloadContentAsync(new BlobDownloadOptions { Conditions = atVersion }, cancellationToken).ConfigureAwait(false);
                var content = download.Value.Content.ToMemory();
                return new DroppedExtract(name, properties.ETag.ToString(), content, ExtractContentHash.Compute(content.Span), content.Length);
            }
            catch (RequestFailedException e) when (e.Status == TableOperations.NotFound)
            {
                return null;
            }
            catch (RequestFailedException e) when (e.Status == PreconditionFailed && attempt < 3)
            {
            }
        }
    }

    public async Task<bool> RemoveAsync(string name, string version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        try
        {
            var response = await Blob(name).DeleteIfExistsAsync(
                DeleteSnapshotsOption.IncludeSnapshots,
                new BlobRequestConditions { IfMatch = new ETag(version) },
                cancellationToken).ConfigureAwait(false);
            return response.Value;
        }
        catch (RequestFailedException e) when (e.Status == PreconditionFailed)
        {
            return false;
        }
    }

    private BlobClient Blob(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name.StartsWith(DroppedExtractName.Folder, StringComparison.Ordinal)
            ? container.GetBlobClient(name)
            : throw new ArgumentException("Only files in the drop folder are read or removed here.", nameof(name));
    }
}
