using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Documents;

namespace Mobilitet.Workflows.Azure.Blobs;

/// <summary>
/// Agreement documents as JSON blobs in container <see cref="StorageNames.DocumentsContainer"/>,
/// named "{agreementId}/{name}". Saving overwrites, so a document saved twice exists once.
/// </summary>
public sealed class BlobDocumentStore : IDocumentStore
{
    private const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Web defaults (camelCase) with enums as their names, so a document reads like the API.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly BlobContainerClient container;

    public BlobDocumentStore(BlobServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        container = service.GetBlobContainerClient(options.Value.ContainerName(StorageNames.DocumentsContainer));
    }

    /// <summary>The blob name of an agreement's document.</summary>
    public static string BlobName(string agreementId, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.StartsWith('/') || name.EndsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"'{name}' is not a valid document name.", nameof(name));
        }

        return AgreementPrefix(agreementId) + name;
    }

    public async Task SaveJsonAsync<T>(string agreementId, string name, T document, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(BlobName(agreementId, name));
        var content = BinaryData.FromObjectAsJson(document, SerializerOptions);
        await blob.UploadAsync(
            content,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = JsonContentType } },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<T?> ReadJsonAsync<T>(string agreementId, string name, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(BlobName(agreementId, name));
        try
        {
            var download = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToObjectFromJson<T>(SerializerOptions);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return default;
        }
    }

    public async Task SaveHtmlAsync(string agreementId, string name, string html, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        var blob = container.GetBlobClient(BlobName(agreementId, name));
        await blob.UploadAsync(
            BinaryData.FromString(html),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" } },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> ReadHtmlAsync(string agreementId, string name, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(BlobName(agreementId, name));
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Deletes every blob under "{agreementId}/"; blobs of other agreements are untouched.</summary>
    public async Task EraseAsync(string agreementId, CancellationToken cancellationToken)
    {
        var prefix = AgreementPrefix(agreementId);
        List<string> names = [];
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            names.Add(item.Name);
        }

        foreach (var name in names)
        {
            await container.DeleteBlobIfExistsAsync(name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private static string AgreementPrefix(string agreementId) => TableKeys.RequireSafe(agreementId, nameof(agreementId)) + "/";
}
