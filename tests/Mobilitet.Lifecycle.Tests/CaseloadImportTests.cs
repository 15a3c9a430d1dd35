using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Caseload;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The caseload import through the local host's HTTP pipeline, on the real engine and Azurite: a file with good and
/// bad rows creates the good agreements (listed, their workflows running) and reports the bad ones by line, field and
/// the form's own message; the same file again creates nothing; another municipality's rows are refused; a rerun after
/// a crash between reserving a reference and creating its agreement creates that agreement, once; the page runs it too.
/// </summary>
public sealed class CaseloadImportTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    private const string Route = "/api/agreements/bulk";
    private const string Aarhus = "0751";

    private static readonly string AarhusCaseworker = TestIdentities.Person("cw-caseload", [Roles.Caseworker], Aarhus);

    private static string Planned => AgreementForms.Today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A valid row (the values of <see cref="AgreementForms.Valid"/>), with <paramref name="change"/> applied by column.</summary>
    private static string Row(string reference, params (string Column, string Value)[] change)
    {
        var values = new Dictionary<string, string>
        {
            [CaseloadFile.ReferenceColumn] = reference,
            ["municipalityCode"] = Aarhus,
            ["housingAssociation"] = "Brabrand Boligforening",
            ["direction"] = "out",
            ["fromArea"] = "Gellerupparken",
            ["toArea"] = "Viby",
            ["resident.cpr"] = "010190-1234",
            ["resident.name"] = AgreementForms.ResidentName,
            ["resident.email"] = AgreementForms.ResidentEmail,
            ["resident.phone"] = "12345678",
            ["caseworker.name"] = AgreementForms.CaseworkerName,
            ["caseworker.email"] = AgreementForms.CaseworkerEmail,
            ["supervisors"] = AgreementForms.Supervisor1 + "|" + AgreementForms.Supervisor2,
            ["baseline.selfSufficiencyRate"] = "0,2",
            ["baseline.resourceDrawDkk"] = "200000",
            ["baseline.taxPaidDkk"] = "30000",
            ["financing.requestedDkk"] = "20000",
            ["financing.purpose"] = "Indskud og flytning",
            ["plannedMoveDate"] = Planned,
        };
        foreach (var (column, value) in change)
        {
            values[column] = value;
        }

        return string.Join(';', CaseloadFile.Columns.Select(column => values[column]));
    }

    private static string File(params string[] rows) => string.Join("\r\n", [CaseloadFile.Header, .. rows]) + "\r\n";

    private static ByteArrayContent Csv(string text)
    {
        var content = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private HttpClient Client(string principal) => new HttpClient { BaseAddress = host.Api.BaseAddress, Timeout = TimeSpan.FromSeconds(90) }.SignedInAs(principal);

    private static async Task<JsonObject> ReportAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static List<(int Line, string? Field, string Message)> Errors(JsonObject report) =>
        [.. report.Array("errors").Select(error => ((int)error!["line"]!, (string?)error["field"], (string)error["message"]!))];

    private static Dictionary<int, string> Rows(JsonObject report, string property) =>
        report.Array(property).ToDictionary(row => (int)row!["line"]!, row => (string)row!["agreementId"]!);

    [Fact]
    public async Task Good_rows_are_created_bad_rows_reported_by_line_and_field_and_the_same_file_again_creates_nothing()
    {
        var file = File(
            Row("SAG-GOOD-1"),                                                              // line 2
            Row("SAG-GOOD-2", ("resident.cpr", "0202851111"), ("supervisors", AgreementForms.Supervisor1)), // line 3
            Row("SAG-BAD-CPR", ("resident.cpr", "3102901234")),                             // line 4: no 31 February
            Row("SAG-BAD-NUMBER", ("baseline.resourceDrawDkk", "200.000")),                 // line 5: a thousands separator
            Row("SAG-BAD-NAME", ("resident.name", "")),                                     // line 6
            Row("SAG-COPENHAGEN", ("municipalityCode", "0101")),                            // line 7: not the caseworker's
            Row("SAG-GOOD-1", ("resident.cpr", "0303801111")),                              // line 8: the reference again
            "SAG-SHORT;0751;Brabrand",                                                      // line 9: three fields
            Row("SAG-BAD-SUPERVISOR", ("supervisors", AgreementForms.Supervisor1 + "|ikke-en-adresse")), // line 10
            "",                                                                              // blank: skipped
            Row("", ("resident.cpr", "0404801111")));                                      // line 12: no reference
        using var client = Client(AarhusCaseworker);

        var report = await ReportAsync(await client.PostAsync(Route, Csv(file)));

        Assert.Equal(10, (int)report["rowsRead"]!);
        Assert.Equal(2, (int)report["rowsCreated"]!);
        Assert.Equal(0, (int)report["rowsAlreadyCreated"]!);
        Assert.Equal(8, (int)report["rowsRejected"]!);
        var errors = Errors(report);
        Assert.Contains((4, "resident.cpr", Messages.CprDate), errors);
        Assert.Contains((5, "baseline.resourceDrawDkk", CaseloadFile.NumberFormat), errors);
        Assert.Contains((6, "resident.name", Messages.Required), errors);
        Assert.Contains((7, "municipalityCode", "Du kan kun oprette flytteaftaler i de kommuner, du arbejder for."), errors);
        Assert.Contains((8, CaseloadFile.ReferenceColumn, "Referencen står allerede på linje 2."), errors);
        Assert.Contains((9, null, "Linjen har 3 felter, men overskriften har 19."), errors);
        Assert.Contains((10, "supervisors", "Niveau 2: " + Messages.Email), errors);
        Assert.Contains((12, CaseloadFile.ReferenceColumn, Messages.Required), errors);
        Assert.Equal([4, 5, 6, 7, 8, 9, 10, 12], errors.Select(error => error.Line).Distinct().Order());
        var created = Rows(report, "created");
        Assert.Equal([2, 3], created.Keys.Order());

        // Created through the form's command: in the list, with their workflows running, under the caseworker's id.
        var listed = (await host.Api.GetFromJsonAsync<JsonArray>($"/api/agreements?municipality={Aarhus}"))!
            .Select(agreement => (string)agreement!["agreementId"]!).ToHashSet();
        foreach (var id in created.Values)
        {
            Assert.Contains(id, listed);
            Assert.NotNull(await host.Durable.GetInstanceAsync(id));
            var details = await host.WaitForAsync(id, agreement => agreement.Kinds().Contains("AgreementCreated"), "the creation on the timeline");
            Assert.Equal("Gellerupparken", (string?)details["fromArea"]);
        }

        Assert.Equal(1, (await host.Services.GetRequiredService<IAgreementRepository>().FindAsync(created[3], CancellationToken.None))!.SupervisorLevels);

        // The same file again: nothing new, the two rows reported as created before, with their agreements.
        var again = await ReportAsync(await client.PostAsync(Route, Csv(file)));
        Assert.Equal(0, (int)again["rowsCreated"]!);
        Assert.Equal(2, (int)again["rowsAlreadyCreated"]!);
        Assert.Equal(8, (int)again["rowsRejected"]!);
        Assert.Equal(created, Rows(again, "alreadyCreated"));
        var listedAgain = (await host.Api.GetFromJsonAsync<JsonArray>($"/api/agreements?municipality={Aarhus}"))!.Count;
        Assert.Equal(listed.Count, listedAgain);

        // Neither the residents nor the institution's references reached the engine or the logs.
        host.AssertNoPersonalDataReachedTheEngineOrLogs(created[2]);
        var engineView = string.Join('\n', host.EnginePayloads.Payloads);
        var logs = string.Join('\n', host.Logs.Lines);
        foreach (var secret in new[] { "SAG-GOOD", "SAG-BAD", "SAG-COPENHAGEN", "0202851111", "020285-1111" })
        {
            Assert.DoesNotContain(secret, engineView, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_rerun_after_a_crash_between_reserving_a_reference_and_creating_creates_that_agreement_once()
    {
        // What a crash right after the reservation leaves: the reference holds an agreement id, no agreement exists.
        var keys = host.Services.GetRequiredService<CaseloadReferenceKeys>();
        var reserved = AgreementIds.New();
        await host.Services.GetRequiredService<ICaseloadReferenceMap>().ReserveAsync(
            Aarhus, keys.KeyOf(Aarhus, "SAG-CRASH"), new CaseloadReference(reserved, CaseloadImportIds.New()), CancellationToken.None);
        using var client = Client(AarhusCaseworker);

        var report = await ReportAsync(await client.PostAsync(Route, Csv(File(Row("SAG-CRASH", ("resident.cpr", "0505801111"))))));
        var again = await ReportAsync(await client.PostAsync(Route, Csv(File(Row("SAG-CRASH", ("resident.cpr", "0505801111"))))));

        Assert.Equal(new Dictionary<int, string> { [2] = reserved }, Rows(report, "created"));
        Assert.Equal(new Dictionary<int, string> { [2] = reserved }, Rows(again, "alreadyCreated"));
        Assert.NotNull(await host.Durable.GetInstanceAsync(reserved));
    }

    [Fact]
    public async Task An_import_whose_job_never_started_is_started_by_the_repair_job_and_creates_its_agreement()
    {
        // What a crash right after storing the import leaves: its lines, an unfinished import, no job.
        var file = CaseloadFile.Read(Encoding.UTF8.GetBytes(File(Row("SAG-UNSTARTED", ("resident.cpr", "0606801111")))));
        var user = new CurrentUser("cw-unstarted", "Sagsbehandler", new HashSet<string> { Roles.Caseworker }, new HashSet<string> { Aarhus });
        // Started well past the repair's grace, but not its storing grace: the host's own run of the job cannot discard it while it is stored here.
        var import = new CaseloadImport(CaseloadImportIds.New(), user.Id, user.Roles, user.Municipalities, file.RowsRead, 0, Completed: false, DateTimeOffset.UtcNow.AddMinutes(-5));
        var store = host.Services.GetRequiredService<ICaseloadImportStore>();
        await store.AddAsync(import, file.Lines, [], CancellationToken.None);
        var recent = import with { ImportId = CaseloadImportIds.New(), StartedAt = DateTimeOffset.UtcNow };
        await store.AddAsync(recent, [], [], CancellationToken.None);

        // Not its count: the host's own maintenance timer runs this job too (at start), and may be the one that starts it.
        await host.Services.GetRequiredService<UnstartedCaseloadImportRepair>().RunAsync(host.Durable, CancellationToken.None);

        var done = await Eventually.WaitForAsync(() => store.FindAsync(import.ImportId, CancellationToken.None), found => found?.Completed == true, "the started job to finish the import");
        Assert.Equal(1, done!.RowsDone);
        var created = Assert.Single(await store.OutcomesAsync(import.ImportId, CancellationToken.None));
        Assert.Equal(CaseloadRowResult.Created, created.Result);
        Assert.NotNull(await host.Durable.GetInstanceAsync(created.AgreementId!));
        Assert.Null(await host.Durable.GetInstanceAsync(recent.ImportId)); // within the grace period: its start may still be under way
    }

    [Fact]
    public async Task An_import_interrupted_while_its_lines_were_stored_is_discarded_with_its_lines()
    {
        // What a crash in the middle of storing leaves: the import's record, not marked stored, and some of its lines.
        var importId = CaseloadImportIds.New();
        var table = host.Services.GetRequiredService<Azure.Data.Tables.TableServiceClient>().GetTableClient(
            host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Mobilitet.Workflows.Azure.Configuration.StorageOptions>>().Value
                .TableName(Mobilitet.Workflows.Azure.Configuration.StorageNames.CaseloadImports));
        // Both rows at once (one partition, one transaction): the host's own maintenance timer runs the same job, and
        // had it met the record alone, it would have discarded it before the line was there.
        await table.SubmitTransactionAsync(
        [
            new(Azure.Data.Tables.TableTransactionActionType.Add, new Azure.Data.Tables.TableEntity(importId, Mobilitet.Workflows.Azure.Tables.TableCaseloadImportStore.ImportRowKey)
            {
                ["UserId"] = "cw-interrupted", ["Roles"] = Roles.Caseworker, ["Municipalities"] = Aarhus, ["RowsRead"] = 2, ["RowsDone"] = 0,
                ["Completed"] = false, ["StartedAt"] = DateTimeOffset.UtcNow - UnstartedCaseloadImportRepair.StoringGrace - TimeSpan.FromMinutes(1), ["Stored"] = false,
            }),
            new(Azure.Data.Tables.TableTransactionActionType.Add, new Azure.Data.Tables.TableEntity(importId, Mobilitet.Workflows.Azure.Tables.TableCaseloadImportStore.LineRowKey(2))
            {
                ["Values"] = "[\"SAG-INTERRUPTED\",\"0751\",\"0707801111\"]",
            }),
        ]);
        var store = host.Services.GetRequiredService<ICaseloadImportStore>();
        Assert.Null(await store.FindAsync(importId, CancellationToken.None)); // never shown to anyone

        await host.Services.GetRequiredService<UnstartedCaseloadImportRepair>().RunAsync(host.Durable, CancellationToken.None);

        var left = 0;
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(row => row.PartitionKey == importId))
        {
            left++;
        }

        Assert.Equal(0, left); // the line with its CPR number is gone
        Assert.Null(await host.Durable.GetInstanceAsync(importId));
    }

    [Fact]
    public async Task Caseworkers_and_administrators_import_for_their_municipalities_only()
    {
        using var anonymous = new HttpClient { BaseAddress = host.Api.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Route, Csv(File(Row("SAG-X"))))).StatusCode);
        foreach (var role in new[] { Roles.FinanceApprover, Roles.Supervisor, Roles.Monitoring })
        {
            using var other = Client(TestIdentities.Person($"{role}-caseload", [role], Aarhus));
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync(Route, Csv(File(Row("SAG-X"))))).StatusCode);
        }

        using var administrator = Client(TestIdentities.Person("admin-caseload", [Roles.Administrator], Aarhus));
        var report = await ReportAsync(await administrator.PostAsync(Route, Csv(File(
            Row("SAG-ADMIN", ("resident.cpr", "0606801111")),
            Row("SAG-ADMIN-ODENSE", ("municipalityCode", "0461"))))));

        Assert.Equal([2], Rows(report, "created").Keys);
        Assert.Equal([(3, "municipalityCode", "Du kan kun oprette flytteaftaler i de kommuner, du arbejder for.")], Errors(report));

        using var empty = await administrator.PostAsync(Route, Csv("cpr;navn\r\n1;2\r\n"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(CaseloadFile.UnknownHeader, (string?)JsonNode.Parse(await empty.Content.ReadAsStringAsync())!["report"]!["errors"]![0]!["message"]);
    }

    [Fact]
    public async Task The_page_uploads_the_file_shows_progress_until_done_then_the_report()
    {
        using var page = new PageClient(host.Api.BaseAddress!, AarhusCaseworker);
        using var form = await page.GetAsync("/aftaler/indlaes");
        var html = await form.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("enctype=\"multipart/form-data\"", html, StringComparison.Ordinal);

        using var upload = new MultipartFormDataContent
        {
            { new StringContent(PageClient.AntiforgeryToken(html)), "__RequestVerificationToken" },
        };
        var file = Csv(File(Row("SAG-PAGE", ("resident.cpr", "0707801111")), Row("SAG-PAGE-BAD", ("direction", "op"))));
        upload.Add(file, CaseloadImportPageModelFileField, "aftaler.csv");
        using var posted = await page.PostAsync("/aftaler/indlaes", upload);
        Assert.True(posted.StatusCode == HttpStatusCode.SeeOther, $"{(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
        var status = posted.Headers.Location!.OriginalString;
        Assert.StartsWith("/aftaler/indlaes/ci-", status, StringComparison.Ordinal);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        string report;
        while (true)
        {
            using var shown = await page.GetAsync(status);
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            report = await shown.Content.ReadAsStringAsync();
            if (!shown.Headers.Contains("Refresh"))
            {
                break;
            }

            Assert.Contains("<progress", report, StringComparison.Ordinal);
            Assert.True(DateTime.UtcNow < deadline, "The import did not finish.");
            await Task.Delay(200);
        }

        Assert.Contains("Indlæsningen er færdig", report, StringComparison.Ordinal);
        Assert.Contains("1 oprettet", report, StringComparison.Ordinal);
        Assert.Contains("Værdien skal være en af: out, in.", report, StringComparison.Ordinal);
        Assert.Contains("/aftaler/fa-", report, StringComparison.Ordinal);

        // Someone else cannot see it.
        using var stranger = new PageClient(host.Api.BaseAddress!, TestIdentities.Person("cw-other", [Roles.Caseworker], Aarhus));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(status)).StatusCode);
    }

    private const string CaseloadImportPageModelFileField = Mobilitet.Workflows.Web.Pages.CaseloadImportPageModel.FileField;
}
