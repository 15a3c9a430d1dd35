using System.Reflection;
using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Mobilitet.Functions.Blobs;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;
using Moq;

namespace Mobilitet.Functions.Tests.Blobs;

/// <summary>The drop trigger is thin: the blob's name goes to the shared drop importer, which imports and removes the file.</summary>
public sealed class RegisterDropFunctionsTests
{
    private const string Cpr = "0102901234";
    private const string AgreementId = "fa-0123456789abcdef0123";
    private const string Dropped = "incoming/0751/udtraek.csv";

    private static readonly PersonKeys Keys = new(new byte[PersonKeys.MinimumKeyBytes]);

    private readonly Mock<IPersonKeyIndex> index = new();
    private readonly Mock<IRegisterRowStore> rows = new();
    private readonly Mock<IRegisterImportLog> imports = new();
    private readonly Mock<IExtractArchive> archive = new();
    private readonly Mock<IExtractDropBox> dropBox = new();

    public RegisterDropFunctionsTests()
    {
        index.Setup(i => i.ListAsync("0751", It.IsAny<CancellationToken>())).ReturnsAsync([new PersonKeyEntry(Keys.KeyOf(Cpr), AgreementId, "0751")]);
        index.Setup(i => i.ContainsAsync("0751", AgreementId, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        imports.Setup(i => i.StartAsync(It.IsAny<RegisterImport>(), It.IsAny<CancellationToken>())).ReturnsAsync((RegisterImport import, CancellationToken _) => import);
    }

    private RegisterDropFunctions Functions() => new(new DroppedExtractImporter(
        new ExtractImporter(Keys, index.Object, rows.Object, imports.Object, archive.Object, TimeProvider.System, NullLogger<ExtractImporter>.Instance),
        dropBox.Object,
        NullLogger<DroppedExtractImporter>.Instance));

    private static BlobClient Blob(string name)
    {
        var blob = new Mock<BlobClient>();
        blob.SetupGet(b => b.Name).Returns(name);
        return blob.Object;
    }

    private static FunctionContext Context()
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.CancellationToken).Returns(CancellationToken.None);
        return context.Object;
    }

    [Fact]
    public async Task A_dropped_file_is_imported_for_its_folders_municipality_and_removed()
    {
        var content = Encoding.UTF8.GetBytes(ExtractParser.AmountsHeader + "\n" + Cpr + ";2027-01-01;2027-01-31;0;4,43;0;0;10000\n");
        dropBox.Setup(d => d.ReadAsync(Dropped, ExtractImporter.MaxBytes, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DroppedExtract(Dropped, "\"v1\"", content, ExtractContentHash.Compute(content), content.Length));

        await Functions().ExtractDropped(Blob(Dropped), Context());

        rows.Verify(r => r.SaveAsync(AgreementId, It.Is<IReadOnlyCollection<AmountRow>>(amounts => amounts.Count == 1), It.IsAny<IReadOnlyCollection<WeeklyRow>>(), It.IsAny<CancellationToken>()));
        imports.Verify(i => i.StartAsync(It.Is<RegisterImport>(import => import.UploadedBy == ExtractUploader.DropFolderId && import.MunicipalityCodes.Count == 1 && import.MunicipalityCodes[0] == "0751"), It.IsAny<CancellationToken>()));
        archive.Verify(a => a.SaveReportAsync(It.IsAny<string>(), It.Is<ExtractImportReport>(report => report.RowsImported == 1), It.IsAny<CancellationToken>()));
        dropBox.Verify(d => d.RemoveAsync(Dropped, "\"v1\"", It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task A_second_notice_for_a_file_already_imported_and_removed_does_nothing()
    {
        dropBox.Setup(d => d.ReadAsync(Dropped, It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync((DroppedExtract?)null);

        await Functions().ExtractDropped(Blob(Dropped), Context());

        imports.VerifyNoOtherCalls();
        rows.VerifyNoOtherCalls();
        dropBox.Verify(d => d.RemoveAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void The_trigger_watches_the_drop_folder_with_the_event_grid_source_that_flex_consumption_requires()
    {
        var trigger = typeof(RegisterDropFunctions).GetMethod(nameof(RegisterDropFunctions.ExtractDropped))!
            .GetParameters().Select(parameter => parameter.GetCustomAttribute<BlobTriggerAttribute>()).OfType<BlobTriggerAttribute>().Single();

        Assert.Equal(BlobTriggerSource.EventGrid, trigger.Source);
        Assert.Equal("register-extracts/incoming/{name}", trigger.BlobPath);
        Assert.Null(trigger.Connection); // AzureWebJobsStorage: the app's account, by identity
    }

    [Fact]
    public void The_infra_event_subscription_delivers_the_drop_folder_to_this_function_by_name()
    {
        var bicep = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "../../../../..", "infra", "app", "register-extract-events.bicep"));

        Assert.Contains($"var functionName = '{RegisterDropFunctions.FunctionName}'", bicep, StringComparison.Ordinal);
        Assert.Contains("param containerName string = 'register-extracts'", bicep, StringComparison.Ordinal);
        Assert.Contains($"param dropFolder string = '{DroppedExtractName.Folder}'", bicep, StringComparison.Ordinal);
        Assert.Contains("subjectBeginsWith: '/blobServices/default/containers/${containerName}/blobs/${dropFolder}'", bicep, StringComparison.Ordinal);
    }
}
