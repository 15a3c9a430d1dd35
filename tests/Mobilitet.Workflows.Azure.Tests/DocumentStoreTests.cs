using System.Text.Json;
using Azure.Storage.Blobs;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Blobs;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class DocumentStoreTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private IDocumentStore Documents => Get<IDocumentStore>();

    private static MeasurementEvaluation Evaluation(decimal rate = 0.41m) => new(
        Milestone.M12,
        MeasurementOutcome.BelowThreshold,
        [Breach.SelfSufficiencyBelowMinimum, Breach.ResourceDrawAboveMaximum],
        new IndicatorValues(rate, 150_000.5m, 20_000m),
        0.4230769230769230769230769231m,
        140_000m);

    [Fact]
    public async Task A_saved_document_reads_back_equal()
    {
        var id = AgreementIds.New();
        var evaluation = Evaluation();

        await Documents.SaveJsonAsync(id, DocumentNames.Measurement(Milestone.M12), evaluation, None);

        var read = await Documents.ReadJsonAsync<MeasurementEvaluation>(id, DocumentNames.Measurement(Milestone.M12), None);
        Assert.NotNull(read);
        Assert.Equal(evaluation.Breaches, read.Breaches);
        Assert.Equal(evaluation with { Breaches = [] }, read with { Breaches = [] });
    }

    [Fact]
    public async Task Documents_are_stored_encrypted_as_web_json_with_enum_names_under_the_agreement()
    {
        var id = AgreementIds.New();
        await Documents.SaveJsonAsync(id, DocumentNames.BusinessCase, Evaluation(), None);

        var container = Get<BlobServiceClient>().GetBlobContainerClient(Azurite.CreateStorageOptions(TablePrefix).ContainerName(StorageNames.DocumentsContainer));
        var blob = container.GetBlobClient($"{id}/{DocumentNames.BusinessCase}");
        var download = await blob.DownloadContentAsync(None);
        var stored = download.Value.Content.ToString();
        Assert.DoesNotContain("SelfSufficiencyBelowMinimum", stored, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(Get<IPersonalDataProtector>().Unprotect(PersonalDataKind.Documents, stored));

        Assert.StartsWith("application/json", download.Value.Details.ContentType, StringComparison.Ordinal);
        Assert.Equal("M12", json.RootElement.GetProperty("milestone").GetString());
        Assert.Equal("SelfSufficiencyBelowMinimum", json.RootElement.GetProperty("breaches")[0].GetString());
        Assert.Equal(0.4230769230769230769230769231m, json.RootElement.GetProperty("minSelfSufficiencyRate").GetDecimal());
    }

    [Fact]
    public async Task An_html_copy_is_stored_as_utf8_html_beside_the_json_and_erased_with_it()
    {
        var id = AgreementIds.New();
        const string Page = "<!DOCTYPE html><html lang=\"da\"><body><h1>Målingsrapport: 3-måneders-målingen – Ærø</h1></body></html>";
        await Documents.SaveJsonAsync(id, DocumentNames.Measurement(Milestone.M3), Evaluation(), None);

        await Documents.SaveHtmlAsync(id, DocumentNames.MeasurementPage(Milestone.M3), Page, None);

        var container = Get<BlobServiceClient>().GetBlobContainerClient(Azurite.CreateStorageOptions(TablePrefix).ContainerName(StorageNames.DocumentsContainer));
        var download = await container.GetBlobClient($"{id}/measurements/M3.html").DownloadContentAsync(None);
        Assert.Equal("text/html; charset=utf-8", download.Value.Details.ContentType);
        Assert.Equal(Page, await Documents.ReadHtmlAsync(id, DocumentNames.MeasurementPage(Milestone.M3), None));
        Assert.Null(await Documents.ReadHtmlAsync(id, DocumentNames.MeasurementPage(Milestone.M12), None));

        await Documents.EraseAsync(id, None);

        Assert.Null(await Documents.ReadHtmlAsync(id, DocumentNames.MeasurementPage(Milestone.M3), None));
    }

    [Fact]
    public async Task Saving_again_overwrites_the_document()
    {
        var id = AgreementIds.New();
        await Documents.SaveJsonAsync(id, DocumentNames.BusinessCase, Evaluation(0.1m), None);

        await Documents.SaveJsonAsync(id, DocumentNames.BusinessCase, Evaluation(0.9m), None);

        var read = await Documents.ReadJsonAsync<MeasurementEvaluation>(id, DocumentNames.BusinessCase, None);
        Assert.Equal(0.9m, read!.Values!.SelfSufficiencyRate);
    }

    [Fact]
    public async Task A_missing_document_reads_as_null()
    {
        Assert.Null(await Documents.ReadJsonAsync<MeasurementEvaluation>(AgreementIds.New(), DocumentNames.BusinessCase, None));
    }

    [Fact]
    public async Task Erase_deletes_every_document_of_the_agreement_and_none_of_an_agreement_whose_id_starts_the_same()
    {
        var id = "doc-" + Guid.NewGuid().ToString("N")[..8];
        var longerId = id + "0";
        await Documents.SaveJsonAsync(id, DocumentNames.BusinessCase, Evaluation(), None);
        await Documents.SaveJsonAsync(id, DocumentNames.Measurement(Milestone.M3), Evaluation(), None);
        await Documents.SaveJsonAsync(longerId, DocumentNames.BusinessCase, Evaluation(), None);

        await Documents.EraseAsync(id, None);
        await Documents.EraseAsync(id, None);

        Assert.Null(await Documents.ReadJsonAsync<MeasurementEvaluation>(id, DocumentNames.BusinessCase, None));
        Assert.Null(await Documents.ReadJsonAsync<MeasurementEvaluation>(id, DocumentNames.Measurement(Milestone.M3), None));
        Assert.NotNull(await Documents.ReadJsonAsync<MeasurementEvaluation>(longerId, DocumentNames.BusinessCase, None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../other/business-case.json")]
    [InlineData("/business-case.json")]
    [InlineData("measurements/")]
    [InlineData("a\\b.json")]
    public void Names_that_could_leave_the_agreements_folder_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() => BlobDocumentStore.BlobName("fa-0123456789abcdef0123", name));
}
