using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Azure.Blobs;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// Register extracts dropped in the register-extracts container, picked up by the local host on Azurite: the report
/// appears, the rows are imported, the file leaves the drop folder, dropping it again changes nothing, a bad file gets
/// a report too, and a storage outage only delays the pickup.
/// </summary>
public sealed class RegisterDropTests(DropPickupHost host) : IClassFixture<DropPickupHost>
{
    private const string StrangerCpr = "3112994321";

    private BlobContainerClient Container => host.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(
        host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ContainerName(StorageNames.RegisterExtractsContainer));

    private IRegisterImportLog Imports => host.Services.GetRequiredService<IRegisterImportLog>();

    private IExtractArchive Archive => host.Services.GetRequiredService<IExtractArchive>();

    private static string Extract(string month) => string.Join(
        "\n",
        ExtractParser.AmountsHeader,
        $"{AgreementForms.ResidentCpr};2027-{month}-01;2027-{month}-28;0;4,43;0;0;10000",
        $"{StrangerCpr};2027-{month}-01;2027-{month}-28;0;4,43;0;0;10000");

    private async Task DropAsync(string name, string text) =>
        await Container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(Encoding.UTF8.GetBytes(text)), overwrite: true);

    private async Task<bool> InDropFolderAsync(string name) => (await Container.GetBlobClient(name).ExistsAsync()).Value;

    /// <summary>Waits until the pickup has removed the file; then its report is kept and its import listed.</summary>
    private async Task<ExtractImportReport> PickedUpAsync(string name, string contentHash, params string[] municipalities)
    {
        await Eventually.WaitForAsync(() => InDropFolderAsync(name), present => !present, $"the pickup to import and remove {name}");
        var importId = RegisterImport.IdFor(contentHash, municipalities);
        Assert.Contains(importId, (await Imports.ListRecentAsync(100, CancellationToken.None)).Select(import => import.ImportId));
        return (await Archive.FindReportAsync(importId, CancellationToken.None))!;
    }

    private static string HashOf(string text) => ExtractContentHash.Compute(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_dropped_file_is_imported_reported_and_removed_and_dropping_it_again_changes_nothing()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));
        var file = Extract("03");

        await DropAsync("incoming/0751/marts.csv", file);
        var report = await PickedUpAsync("incoming/0751/marts.csv", HashOf(file), "0751");

        Assert.Equal((2, 1, 1), (report.RowsRead, report.RowsImported, report.RowsUnmatched));
        Assert.Empty(report.Errors);
        var rows = host.Services.GetRequiredService<IRegisterRowStore>();
        Assert.Equal(new DateOnly(2027, 3, 1), Assert.Single((await rows.ReadAsync(id, CancellationToken.None)).Amounts).PeriodStart);
        var import = (await Imports.FindAsync(report.UploadId, CancellationToken.None))!;
        Assert.Equal(ExtractUploader.DropFolderId, import.UploadedBy);
        var kept = (await Container.GetBlobClient(BlobExtractArchive.ExtractBlobName(report.UploadId)).DownloadContentAsync()).Value.Content.ToString();
        Assert.DoesNotContain(AgreementForms.ResidentCpr, kept, StringComparison.Ordinal);

        await DropAsync("incoming/0751/marts-igen.csv", file);
        var again = await PickedUpAsync("incoming/0751/marts-igen.csv", HashOf(file), "0751");

        Assert.Equal(report, again with { Errors = report.Errors });
        Assert.Equal(import with { MunicipalityCodes = [] }, (await Imports.FindAsync(report.UploadId, CancellationToken.None))! with { MunicipalityCodes = [] });
        Assert.Single((await rows.ReadAsync(id, CancellationToken.None)).Amounts);
        Assert.Single(await Imports.ListRecentAsync(100, CancellationToken.None), listed => listed.ImportId == report.UploadId);
        Assert.DoesNotContain(AgreementForms.ResidentCpr, string.Join('\n', host.Logs.Lines), StringComparison.Ordinal);
        Assert.DoesNotContain("marts", string.Join('\n', host.Logs.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_file_gets_a_report_and_leaves_the_drop_folder()
    {
        var unreadable = "personnummer;beløb\n" + StrangerCpr + ";5\n";
        await DropAsync("incoming/0751/forkert.csv", unreadable);
        var unknownMunicipality = Extract("04");
        await DropAsync("incoming/9999/april.csv", unknownMunicipality);

        var refused = await PickedUpAsync("incoming/0751/forkert.csv", HashOf(unreadable), "0751");
        var misplaced = await PickedUpAsync("incoming/9999/april.csv", HashOf(unknownMunicipality));

        Assert.True(refused.IsRefused);
        Assert.Equal(1, Assert.Single(refused.Errors).Line);
        Assert.Equal(new ExtractError(0, null, DroppedExtractName.UnknownMunicipality), Assert.Single(misplaced.Errors));
        Assert.Null(await Archive.FindReportAsync(RegisterImport.IdFor(HashOf(unknownMunicipality), ["9999"]), CancellationToken.None));
    }

    [Fact]
    public async Task A_storage_outage_is_logged_and_the_pickup_goes_on_at_the_next_tick()
    {
        await Container.DeleteAsync();
        await Eventually.WaitForAsync(
            () => Task.FromResult(host.Logs.Lines.Count(line => line.Contains("drop folder could not be read", StringComparison.Ordinal))),
            failures => failures >= 2,
            "the pickup to fail twice on the missing container");
        await Container.CreateIfNotExistsAsync();

        var file = Extract("05");
        await DropAsync("incoming/0751/maj.csv", file);
        var report = await PickedUpAsync("incoming/0751/maj.csv", HashOf(file), "0751");

        Assert.Equal(2, report.RowsRead);
    }
}
