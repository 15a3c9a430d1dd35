using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;

namespace Mobilitet.Workflows.Azure.Blobs;

/// <summary>
/// The ASP.NET Core Data Protection key ring in Blob storage (container
/// <see cref="StorageNames.DataProtectionContainer"/>), one blob per key element, so every instance of
/// both hosts reads the same keys: a form token or cookie protected by one instance is understood by
/// any other. Keys are only ever added (Data Protection revokes by adding an element); a blob is written
/// only if it does not exist, so two instances creating keys at once cannot overwrite each other.
/// The keys are stored as Data Protection writes them; wrapping them with a Key Vault key is for later.
/// </summary>
public sealed class BlobXmlRepository : IXmlRepository
{
    private const string Extension = ".xml";

    private readonly BlobContainerClient container;

    public BlobXmlRepository(BlobServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        container = service.GetBlobContainerClient(options.Value.ContainerName(StorageNames.DataProtectionContainer));
    }

    // IXmlRepository is synchronous: Data Protection calls it rarely (at start, when the cached key
    // ring expires, when it creates a key) and off the request path where it can.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        try
        {
            return ReadAll();
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            // A fresh store: the host may ask for the ring before its start-up has created the container.
            return [];
        }
    }

    private List<XElement> ReadAll()
    {
        var elements = new List<XElement>();
        foreach (var item in container.GetBlobs(new GetBlobsOptions { Prefix = string.Empty }))
        {
            if (!item.Name.EndsWith(Extension, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                var content = container.GetBlobClient(item.Name).DownloadContent().Value.Content;
                elements.Add(XElement.Parse(content.ToString()));
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Deleted between listing and reading: not part of the ring any more.
            }
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var blob = container.GetBlobClient(BlobName(friendlyName));
        try
        {
            Upload(blob, element);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            // The first key of a fresh store, made before start-up created the container: create it here.
            container.CreateIfNotExists();
            Upload(blob, element);
        }
    }

    private static void Upload(BlobClient blob, XElement element)
    {
        try
        {
            blob.Upload(
                BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml; charset=utf-8" },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                });
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Data Protection names elements uniquely (key-{guid}); the same element is already stored.
        }
    }

    /// <summary>The blob name for an element: its friendly name (key-{guid}, revocation-…) made safe, plus ".xml".</summary>
    public static string BlobName(string? friendlyName)
    {
        var name = string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        return safe + Extension;
    }
}
