using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The upload page through the local host's HTTP pipeline on Azurite: who may open it, a multipart upload without
/// JavaScript imported through the one importer and answered with its report, what it refuses (nothing imported), and
/// the recent imports linking to their reports.
/// </summary>
public sealed class RegisterExtractPageTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    private const string Page = "/registerudtraek";
    private const string StrangerCpr = "3112994321";

    private static readonly string AarhusMonitoring = TestIdentities.Person("mon-aarhus-page", [Roles.Monitoring], "0751");
    private static readonly string OdenseAdministrator = TestIdentities.Person("admin-odense-page", [Roles.Administrator], "0461");

    private PageClient Client(string principal) => new(host.Api.BaseAddress!, principal);

    private static string Extract(string month) => string.Join(
        "\n",
        ExtractParser.AmountsHeader,
        $"{AgreementForms.ResidentCpr};2027-{month}-01;2027-{month}-28;0;4,43;0;0;10000",
        $"{StrangerCpr};2027-{month}-01;2027-{month}-28;0;4,43;0;0;10000",
        $"{StrangerCpr};2026-{month}-01;2026-{month}-28;0;4,43;0;0;-5");

    /// <summary>Gets the page, then posts the file as a browser does: multipart, with the form's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(PageClient client, string? text, string fileName = "udtraek.csv", string partType = "application/vnd.ms-excel")
    {
        using var page = await client.GetAsync(Page);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(PageClient.AntiforgeryToken(await page.Content.ReadAsStringAsync())), "__RequestVerificationToken" },
        };
        if (text is not null)
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(partType);
            form.Add(file, RegisterExtractsPageModelField, fileName);
        }

        return await client.PostAsync(Page, form);
    }

    private const string RegisterExtractsPageModelField = Workflows.Web.Pages.RegisterExtractsPageModel.FileField;

    [Fact]
    public async Task Only_the_monitoring_unit_and_administrators_holding_a_municipality_see_the_page_and_its_menu_entry()
    {
        foreach (var role in new[] { Roles.Caseworker, Roles.FinanceApprover, Roles.Supervisor })
        {
            using var other = Client(TestIdentities.Person($"{role}-page", [role], "0751"));
            using var refused = await other.GetAsync(Page);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            using var home = await other.GetAsync("/aftaler");
            Assert.DoesNotContain("href=\"/registerudtraek\"", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var withoutMunicipality = Client(TestIdentities.Person("mon-none-page", [Roles.Monitoring]));
        Assert.Equal(HttpStatusCode.Forbidden, (await withoutMunicipality.GetAsync(Page)).StatusCode);

        using var monitoring = Client(AarhusMonitoring);
        using var shown = await monitoring.GetAsync(Page);
        var html = await shown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("href=\"/registerudtraek\"", html, StringComparison.Ordinal);
        Assert.Contains("enctype=\"multipart/form-data\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uploaded_file_is_imported_and_its_report_shown_and_listed_and_the_same_file_again_changes_nothing()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));
        using var client = Client(AarhusMonitoring);

        using var uploaded = await UploadAsync(client, Extract("08"));
        var location = uploaded.Headers.Location?.OriginalString;
        var report = PageForms.Parse(await client.FollowAsync(uploaded));

        Assert.StartsWith("/registerudtraek/", location, StringComparison.Ordinal);
        Assert.Equal("Registerudtrækket er indlæst. Rapporten står nedenfor.", report.QuerySelector("[role=status] .alert-text")!.Text());
        var counts = report.QuerySelectorAll(".extract-counts tr").Select(row => row.QuerySelector("td")!.Text()).ToList();
        Assert.Equal(["Beløb (eIndkomst)", "3", "1", "1", "1"], counts);
        Assert.Equal(("4", "taxPaidDkk"), (report.QuerySelector("td[data-title=Linje]")!.Text(), report.QuerySelector("td[data-title=Felt]")!.Text()));
        var stored = await host.Services.GetRequiredService<IRegisterRowStore>().ReadAsync(id, CancellationToken.None);
        Assert.Equal(new DateOnly(2027, 8, 1), Assert.Single(stored.Amounts).PeriodStart);

        using var list = await client.GetAsync(Page);
        var listed = PageForms.Parse(await list.Content.ReadAsStringAsync());
        Assert.Contains(location, listed.QuerySelectorAll("td[data-title=Rapport] a").Select(a => a.GetAttribute("href")));

        using var again = await UploadAsync(client, Extract("08"));
        Assert.Equal(location, again.Headers.Location?.OriginalString);
        Assert.Single((await host.Services.GetRequiredService<IRegisterRowStore>().ReadAsync(id, CancellationToken.None)).Amounts);
        Assert.DoesNotContain(AgreementForms.ResidentCpr, string.Join('\n', host.Logs.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_page_refuses_it_says_by_the_field_in_danish_and_imports_nothing()
    {
        using var client = Client(AarhusMonitoring);
        var before = (await host.Services.GetRequiredService<IRegisterImportLog>().ListRecentAsync(1000, CancellationToken.None)).Count;

        using var noFile = await UploadAsync(client, null);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Contains("Vælg en CSV-fil", PageForms.Parse(await noFile.Content.ReadAsStringAsync()).GetElementById("field-fil-error")!.Text(), StringComparison.Ordinal);

        using var unreadable = await UploadAsync(client, "personnummer;beløb\n" + StrangerCpr + ";5\n");
        var page = PageForms.Parse(await unreadable.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("overskrifter", page.GetElementById("field-fil-error")!.Text(), StringComparison.Ordinal);
        Assert.Equal("#field-fil", page.QuerySelector(".alert-error a")!.GetAttribute("href"));

        var tooLarge = new string('x', ExtractImporter.MaxBytes + 1);
        using var large = await UploadAsync(client, tooLarge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Contains("25 MB", PageForms.Parse(await large.Content.ReadAsStringAsync()).GetElementById("field-fil-error")!.Text(), StringComparison.Ordinal);

        using var withoutToken = await client.PostAsync(Page, new MultipartFormDataContent { { new StringContent(Extract("09")), RegisterExtractsPageModelField, "x.csv" } });
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        using var urlEncoded = await client.PostFormAsync(Page, [KeyValuePair.Create("fil", Extract("09"))]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, urlEncoded.StatusCode);

        // Only the unreadable file is an import (refused, with its report); nothing else was recorded.
        Assert.Equal(before + 1, (await host.Services.GetRequiredService<IRegisterImportLog>().ListRecentAsync(1000, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_report_is_shown_only_to_those_holding_one_of_its_municipalities()
    {
        using var aarhus = Client(AarhusMonitoring);
        using var uploaded = await UploadAsync(aarhus, Extract("10"));
        var location = uploaded.Headers.Location!.OriginalString;

        using var odense = Client(OdenseAdministrator);
        Assert.Equal(HttpStatusCode.NotFound, (await odense.GetAsync(location)).StatusCode);
        using var odensePage = await odense.GetAsync(Page);
        Assert.DoesNotContain(location, await odensePage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await aarhus.GetAsync("/registerudtraek/not-an-import")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await aarhus.GetAsync("/registerudtraek/" + new string('0', 32))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await aarhus.GetAsync(location)).StatusCode);
    }
}
