using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Protection;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Azure.Blobs;

/// <summary>
/// Agreement documents as JSON blobs in container <see cref="StorageNames.DocumentsContainer"/>,
/// named "{agreementId}/{name}". Saving overwrites, so a document saved twice exists once. Every document may name
/// people (the sent emails' archive does), so each is encrypted at rest (<see cref="PersonalDataKind.Documents"/>):
/// the blob holds the protected text, its content type says what the clear text is. Blobs written in clear text before
/// that read as they are until <see cref="EncryptClearTextAsync"/> encrypts them.
/// </summary>
public sealed class BlobDocumentStore : IDocumentStore, IClearPersonalDataMigration
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>Web defaults (camelCase) with enums as their names, so a document reads like the API.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly BlobContainerClient container;
    private readonly IPersonalDataProtector protector;

    public BlobDocumentStore(BlobServiceClient service, IOptions<StorageOptions> options, IPersonalDataProtector protector)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(protector);
        container = service.GetBlobContainerClient(options.Value.ContainerName(StorageNames.DocumentsContainer));
        this.protector = protector;
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

    public Task SaveJsonAsync<T>(string agreementId, string name, T document, CancellationToken cancellationToken) =>
        SaveAsync(BlobName(agreementId, name), JsonSerializer.Serialize(document, SerializerOptions), JsonContentType, cancellationToken);

    public async Task<T?> ReadJsonAsync<T>(string agreementId, string name, CancellationToken cancellationToken) =>
        await ReadAsync(BlobName(agreementId, name), cancellationToken).ConfigureAwait(false) is { } json
            ? JsonSerializer.Deserialize<T>(json, SerializerOptions)
            : default;

    public Task SaveHtmlAsync(string agreementId, string name, string html, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        return SaveAsync(BlobName(agreementId, name), html, HtmlContentType, cancellationToken);
    }

    public Task<string?> ReadHtmlAsync(string agreementId, string name, CancellationToken cancellationToken) =>
        ReadAsync(BlobName(agreementId, name), cancellationToken);

    private async Task SaveAsync(string blobName, string clearText, string contentType, CancellationToken cancellationToken) =>
        await container.GetBlobClient(blobName).UploadAsync(
            BinaryData.FromString(protector.Protect(PersonalDataKind.Documents, clearText)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken).ConfigureAwait(false);

    private async Task<string?> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return protector.Unprotect(PersonalDataKind.Documents, download.Value.Content.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Encrypts every document blob still in clear text (written before encryption at rest). A blob is overwritten
    /// only if unchanged since read (its ETag); one changed meanwhile was written encrypted.
    /// </summary>
    /// <returns>How many blobs it encrypted.</returns>
    public async Task<int> EncryptClearTextAsync(CancellationToken cancellationToken)
    {
        var encrypted = 0;
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var blob = container.GetBlobClient(item.Name);
            BlobDownloadResult download;
            try
            {
                download = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                continue; // erased since listed
            }

            var text = download.Content.ToString();
            if (protector.IsProtected(text))
            {
                continue;
            }

            try
            {
                await blob.UploadAsync(
                    BinaryData.FromString(protector.Protect(PersonalDataKind.Documents, text)),
                    new BlobUploadOptions
                    {
                        HttpHeaders = new BlobHttpHeaders { ContentType = download.Details.ContentType },
                        Conditions = new BlobRequestConditions { IfMatch = download.Details.ETag },
                    },
                    cancellationToken).ConfigureAwait(false);
                encrypted++;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Erased or rewritten (encrypted) since read.
            }
        }

        return encrypted;
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
