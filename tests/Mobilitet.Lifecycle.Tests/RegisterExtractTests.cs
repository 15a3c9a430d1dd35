using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// Register extracts through the local host's HTTP pipeline on Azurite: the person-key index the API keeps beside the
/// vault (and the erasure that removes it), who may upload, what the endpoint refuses, the report, and where the CPR
/// numbers of an imported file end up (nowhere but the vault).
/// </summary>
public sealed class RegisterExtractTests(HourDayHost host) : IClassFixture<HourDayHost>
{
    private const string Aarhus = "0751";
    private const string Route = "/api/registers/extracts";

    /// <summary>Nobody has an agreement with this CPR number.</summary>
    private const string StrangerCpr = "3112994321";

    private static readonly string AarhusMonitoring = TestIdentities.Person("mon-aarhus", [Roles.Monitoring], Aarhus);
    private static readonly string OdenseAdministrator = TestIdentities.Person("admin-odense", [Roles.Administrator], "0461");

    private IPersonKeyIndex Index => host.Services.GetRequiredService<IPersonKeyIndex>();

    private PersonKeys Keys => host.Services.GetRequiredService<PersonKeys>();

    private HttpClient Client(string principal) => new HttpClient { BaseAddress = host.Api.BaseAddress }.SignedInAs(principal);

    private static ByteArrayContent Csv(string text, string contentType = "text/csv")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static string AmountLine(string cpr, string start, string end, string taxPaid = "10000") =>
        $"{cpr};{start};{end};0;4,43;0;0;{taxPaid}";

    /// <summary>An amounts file: a line for the test agreement's resident, one for a stranger, one bad line.</summary>
    private static string Extract(string month = "01") => string.Join(
        "\n",
        ExtractParser.AmountsHeader,
        AmountLine("010190-1234", $"2027-{month}-01", $"2027-{month}-28"),
        AmountLine(StrangerCpr, $"2027-{month}-01", $"2027-{month}-28"),
        AmountLine(AgreementForms.ResidentCpr, $"2026-{month}-01", $"2026-{month}-28", taxPaid: "-5"));

    private static async Task<JsonNode> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private static async Task AssertProblemAsync(HttpStatusCode status, string title, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, (string?)JsonNode.Parse(body)!["title"]);
    }

    [Fact]
    public async Task Creating_an_agreement_indexes_its_residents_person_key_and_withdrawing_consent_removes_it()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));

        var entry = Assert.Single(await Index.ListAsync(Aarhus, CancellationToken.None), entry => entry.AgreementId == id);
        Assert.Equal(Keys.KeyOf(AgreementForms.ResidentCpr), entry.Person);

        await host.StepAsync(id, "withdraw-consent");
        await host.WaitForAsync(id, agreement => agreement.Kinds().Contains("PersonalDataErased"), "the personal data to be erased");

        Assert.False(await Index.ContainsAsync(Aarhus, id, CancellationToken.None));
    }

    [Fact]
    public async Task Only_the_monitoring_unit_and_administrators_holding_a_municipality_may_upload()
    {
        using var anonymous = new HttpClient { BaseAddress = host.Api.BaseAddress };
        await AssertProblemAsync(HttpStatusCode.Unauthorized, "Login kræves", await anonymous.PostAsync(Route, Csv(Extract())));

        foreach (var role in new[] { Roles.Caseworker, Roles.FinanceApprover, Roles.Supervisor })
        {
            using var client = Client(TestIdentities.Person($"{role}-aarhus", [role], Aarhus));
            await AssertProblemAsync(HttpStatusCode.Forbidden, "Adgang nægtet", await client.PostAsync(Route, Csv(Extract())));
        }

        using var withoutMunicipality = Client(TestIdentities.Person("mon-none", [Roles.Monitoring]));
        using var refused = await withoutMunicipality.PostAsync(Route, Csv(Extract()));
        await AssertProblemAsync(HttpStatusCode.Forbidden, "Adgang nægtet", refused);

        using var monitoring = Client(AarhusMonitoring);
        using var administrator = Client(OdenseAdministrator);
        Assert.Equal(HttpStatusCode.OK, (await monitoring.PostAsync(Route, Csv(Extract("03")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await administrator.PostAsync(Route, Csv(Extract("03")))).StatusCode);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("text/csv; charset=iso-8859-1")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_body_that_is_not_utf8_csv_is_refused_with_a_danish_415(string contentType)
    {
        using var client = Client(AarhusMonitoring);

        using var response = await client.PostAsync(Route, Csv(Extract("04"), contentType));

        await AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "Filen skal være CSV", response);
        Assert.Contains("text/csv", (string?)(await BodyAsync(response))["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_with_a_danish_413_without_being_imported()
    {
        using var client = Client(AarhusMonitoring);
        var line = Encoding.UTF8.GetBytes(AmountLine(StrangerCpr, "2027-05-01", "2027-05-31") + "\n");
        var body = new byte[RegisterEndpoints.MaxBytes + 1];
        for (var at = 0; at < body.Length; at += line.Length)
        {
            line.AsSpan(0, Math.Min(line.Length, body.Length - at)).CopyTo(body.AsSpan(at));
        }

        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await client.PostAsync(Route, content);

        await AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "Filen er for stor", response);
        Assert.Contains("25 MB", (string?)(await BodyAsync(response))["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_header_is_a_400_problem_carrying_the_report()
    {
        using var client = Client(AarhusMonitoring);

        using var response = await client.PostAsync(Route, Csv("personnummer;beløb\n" + AmountLine(StrangerCpr, "2027-06-01", "2027-06-30")));

        await AssertProblemAsync(HttpStatusCode.BadRequest, "Registerudtrækket kunne ikke læses", response);
        var report = (await BodyAsync(response))["report"]!;
        Assert.Equal(0, (int)report["rowsRead"]!);
        var error = Assert.Single(report["errors"]!.AsArray())!;
        Assert.Equal(1, (int)error["line"]!);
        Assert.Null(error["field"]);
        Assert.Contains("overskrifter", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_answers_its_report_stores_the_matched_rows_and_the_same_file_again_answers_the_same_report()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));
        using var client = Client(AarhusMonitoring);
        var file = Extract("02");

        using var response = await client.PostAsync(Route, Csv(file));
        var report = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (int)report["rowsRead"]!);
        Assert.Equal(1, (int)report["rowsImported"]!);
        Assert.Equal(1, (int)report["rowsUnmatched"]!);
        var error = Assert.Single(report["errors"]!.AsArray())!;
        Assert.Equal((4, "taxPaidDkk"), ((int)error["line"]!, (string?)error["field"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        var stored = await host.Services.GetRequiredService<IRegisterRowStore>().ReadAsync(id, CancellationToken.None);
        Assert.Equal(new DateOnly(2027, 2, 1), Assert.Single(stored.Amounts).PeriodStart);

        using var again = await client.PostAsync(Route, Csv(file));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(report.ToJsonString(), (await BodyAsync(again)).ToJsonString());
        Assert.Single((await host.Services.GetRequiredService<IRegisterRowStore>().ReadAsync(id, CancellationToken.None)).Amounts);
    }

    [Fact]
    public async Task After_an_import_the_files_cpr_numbers_are_in_no_table_and_no_blob_but_the_residents_in_the_vault()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));
        using var client = Client(AarhusMonitoring);
        using var response = await client.PostAsync(Route, Csv(Extract("07")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await host.Services.GetRequiredService<IRegisterRowStore>().ReadAsync(id, CancellationToken.None)).Amounts);

        var options = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var tables = host.Services.GetRequiredService<TableServiceClient>();
        var blobs = host.Services.GetRequiredService<BlobServiceClient>();
        var forms = new[] { AgreementForms.ResidentCpr, "010190-1234", StrangerCpr, "311299-4321" };
        var vault = options.TableName(StorageNames.PersonalData);
        var protector = host.Services.GetRequiredService<IPersonalDataProtector>();

        var scannedTables = 0;
        var vaultHits = 0; // the scan sees CPR numbers where they are: the residents' in the vault
        await foreach (var table in tables.QueryAsync())
        {
            if (!table.Name.StartsWith(options.TablePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            scannedTables++;
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (column, value) in entity)
                {
                    var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

                    // The vault is where the resident's CPR lives, by design, encrypted; no table holds one in clear text.
                    vaultHits += table.Name == vault && column == "ResidentCpr" && protector.Unprotect(PersonalDataKind.Vault, text) == AgreementForms.ResidentCpr ? 1 : 0;
                    foreach (var cpr in forms)
                    {
                        Assert.False(text.Contains(cpr, StringComparison.Ordinal), $"{table.Name} {entity.PartitionKey}/{entity.RowKey} {column} holds a CPR number");
                    }
                }
            }
        }

        var scannedBlobs = 0;
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: options.TablePrefix.ToLowerInvariant()))
        {
            var files = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in files.GetBlobsAsync())
            {
                scannedBlobs++;
                var content = (await files.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                Assert.All(forms, cpr => Assert.DoesNotContain(cpr, content, StringComparison.Ordinal));
                Assert.All(forms, cpr => Assert.DoesNotContain(cpr, blob.Name, StringComparison.Ordinal));
            }
        }

        Assert.True(scannedTables >= StorageNames.AllTables.Count, $"only {scannedTables} tables scanned");
        Assert.True(vaultHits >= 1, "the resident's CPR was not found in the vault: the scan would not see one elsewhere either");
        Assert.True(scannedBlobs >= 2, $"only {scannedBlobs} blobs scanned"); // at least the kept file and its report
        Assert.All(new[] { AgreementForms.ResidentCpr, "010190-1234", StrangerCpr }, cpr => Assert.DoesNotContain(cpr, string.Join('\n', host.Logs.Lines), StringComparison.Ordinal));
    }
}
