using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.RegisterImports;

namespace Mobilitet.Workflows.Azure.Blobs;

/// <summary>
/// Imported extracts in container <see cref="StorageNames.RegisterExtractsContainer"/>: "imports/{importId}/extract.csv"
/// (CPR numbers masked) and "imports/{importId}/report.json" beside it. Under "imports/" so that files dropped in the
/// container for import, under "incoming/" (<see cref="BlobExtractDropBox"/>), are told apart from the kept copies: the
/// pickup never sees its own archive.
/// </summary>
public sealed class BlobExtractArchive : IExtractArchive
{
    public const string ImportsFolder = "imports/";

    private const string ExtractName = "extract.csv";
    private const string ReportName = "report.json";

    private readonly BlobContainerClient container;

    public BlobExtractArchive(BlobServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        container = service.GetBlobContainerClient(options.Value.ContainerName(StorageNames.RegisterExtractsContainer));
    }

    public static string ExtractBlobName(string importId) => Folder(importId) + ExtractName;

    public static string ReportBlobName(string importId) => Folder(importId) + ReportName;

    public Task SaveExtractAsync(string importId, ReadOnlyMemory<byte> maskedContent, CancellationToken cancellationToken) =>
        container.GetBlobClient(ExtractBlobName(importId)).UploadAsync(
            BinaryData.FromBytes(maskedContent),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" } },
            cancellationToken);

    public Task SaveReportAsync(string importId, ExtractImportReport report, CancellationToken cancellationToken) =>
        container.GetBlobClient(ReportBlobName(importId)).UploadAsync(
            BinaryData.FromObjectAsJson(report, BlobDocumentStore.SerializerOptions),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } },
            cancellationToken);

    public async Task<ExtractImportReport?> FindReportAsync(string importId, CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.GetBlobClient(ReportBlobName(importId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToObjectFromJson<ExtractImportReport>(BlobDocumentStore.SerializerOptions);
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.NotFound)
        {
            return null;
        }
    }

    private static string Folder(string importId) => ImportsFolder + TableKeys.RequireSafe(importId, nameof(importId)) + "/";
}
