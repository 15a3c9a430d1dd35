using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Mobilitet.Testing;
using Mobilitet.Workflows.Azure.Blobs;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>The import records (table) and the kept files and reports (blobs).</summary>
public sealed class RegisterImportStorageTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private static readonly DateTimeOffset Uploaded = new DateTimeOffset(2027, 6, 1, 8, 0, 0, 5, TimeSpan.Zero).AddTicks(3);

    private IRegisterImportLog Log => Get<IRegisterImportLog>();

    private IExtractArchive Archive => Get<IExtractArchive>();

    private static RegisterImport NewImport(string? contentHash = null)
    {
        var hash = contentHash ?? Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        return new RegisterImport(RegisterImport.IdFor(hash, ["0751", "0101"]), hash, ["0101", "0751"], Uploaded, "monitoring-1");
    }

    [Fact]
    public async Task Starting_an_import_twice_keeps_the_first_record_and_its_instant()
    {
        var first = NewImport();

        Assert.Equal(first, await Log.StartAsync(first, None));
        var again = await Log.StartAsync(first with { UploadedAt = Uploaded.AddHours(1), UploadedBy = "admin-2" }, None);

        Assert.Equal(first.UploadedAt, again.UploadedAt);
        Assert.Equal("monitoring-1", again.UploadedBy);
        Assert.Equal(["0101", "0751"], again.MunicipalityCodes);
        Assert.Equal(RegisterImportStatus.Started, again.Status);
    }

    [Fact]
    public async Task A_completed_import_is_found_with_its_counts()
    {
        var import = await Log.StartAsync(NewImport(), None);
        var report = new ExtractImportReport(import.ImportId, ExtractFormat.Weekly, 10, 6, 3, [new ExtractError(4, "y_2701", "Fejl.")]);

        await Log.CompleteAsync(import.CompletedWith(report), None);

        var found = await Log.FindAsync(import.ImportId, None);
        Assert.Equal(import.CompletedWith(report) with { MunicipalityCodes = [] }, found! with { MunicipalityCodes = [] });
        Assert.Equal(import.MunicipalityCodes, found.MunicipalityCodes);
        Assert.Null(await Log.FindAsync(NewImport().ImportId, None));
    }

    [Fact]
    public async Task A_report_round_trips_beside_the_kept_file_under_imports()
    {
        var importId = NewImport().ImportId;
        var report = new ExtractImportReport(importId, ExtractFormat.Amounts, 3, 1, 1, [new ExtractError(3, "taxPaidDkk", "Beløbet må ikke være negativt."), new ExtractError(1, null, "Filen er tom.")]);

        await Archive.SaveExtractAsync(importId, "cpr;x\n**********;1\n"u8.ToArray(), None);
        await Archive.SaveReportAsync(importId, report, None);
        await Archive.SaveReportAsync(importId, report, None);

        var found = await Archive.FindReportAsync(importId, None);
        Assert.Equal(report with { Errors = [] }, found! with { Errors = [] });
        Assert.Equal(report.Errors, found.Errors);
        var container = Get<BlobServiceClient>().GetBlobContainerClient(Azurite.CreateStorageOptions(TablePrefix).ContainerName(StorageNames.RegisterExtractsContainer));
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = BlobExtractArchive.ImportsFolder + importId }))
        {
            names.Add(blob.Name);
        }

        Assert.Equal([$"imports/{importId}/extract.csv", $"imports/{importId}/report.json"], names.Order(StringComparer.Ordinal));
        var json = (await container.GetBlobClient(BlobExtractArchive.ReportBlobName(importId)).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("\"rowsRead\":3", json, StringComparison.Ordinal);
        Assert.Contains("\"format\":\"Amounts\"", json, StringComparison.Ordinal);
        Assert.Contains("\"errors\":[{\"line\":3,\"field\":\"taxPaidDkk\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("isRefused", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task No_report_is_found_for_an_import_that_has_none()
    {
        Assert.Null(await Archive.FindReportAsync(NewImport().ImportId, None));
    }
}
