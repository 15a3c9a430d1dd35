using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;
using Mobilitet.Workflows.Web.Tests.Shared;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class RegisterExtractsPageTests
{
    private static readonly PageFrame Monitoring = new()
    {
        User = Samples.User(roles: Roles.Monitoring),
        Navigation = NavigationSections.Agreements | NavigationSections.RegisterExtracts,
        Antiforgery = new AntiforgeryToken("__RequestVerificationToken", "token-1"),
    };

    private static readonly DateTimeOffset At = new(2027, 3, 1, 12, 30, 0, TimeSpan.Zero);

    private static RegisterImport Import(string id, string uploadedBy, params string[] municipalities) =>
        new(id, new string('a', 64), municipalities, At, uploadedBy, RegisterImportStatus.Completed, ExtractFormat.Amounts, 1234, 1000, 200, 34);

    [Fact]
    public async Task The_form_posts_one_file_as_multipart_with_its_token_and_the_recent_imports_link_to_their_reports()
    {
        var model = new RegisterExtractsPageModel(
            ["Aarhus (0751)"],
            [Import("0123456789abcdef0123456789abcdef", "oid-1", "0751"), Import("fedcba9876543210fedcba9876543210", ExtractUploader.DropFolderId, "0101", "0751")],
            FieldErrors.None);

        var document = await Renderer.PageAsync<RegisterExtractsPage, RegisterExtractsPageModel>(model, Monitoring);
        document.AssertScrollRegionsAreReachable();

        Assert.Equal("Registerudtræk – Flytteaftaler – Mobilitetsenheden", document.Title);
        Assert.Equal("page", document.QuerySelector("nav[aria-label=Hovedmenu] a[href='/registerudtraek']")!.GetAttribute("aria-current"));
        Assert.Contains("Aarhus (0751)", document.QuerySelector(".font-lead")!.Text(), StringComparison.Ordinal);
        var form = document.QuerySelector("main form")!;
        Assert.Equal(("post", "/registerudtraek", "multipart/form-data"), (form.GetAttribute("method"), form.GetAttribute("action"), form.GetAttribute("enctype")));
        Assert.Equal("token-1", form.QuerySelector("input[type=hidden][name=__RequestVerificationToken]")!.GetAttribute("value"));
        var file = form.QuerySelector("input[type=file]")!;
        Assert.Equal(("fil", "field-fil"), (file.GetAttribute("name"), file.Id));
        Assert.Equal("Fil", document.QuerySelector("label[for=field-fil]")!.Text());
        Assert.Contains("højst 25 MB", document.GetElementById("field-fil-hint")!.Text(), StringComparison.Ordinal);
        Assert.Null(file.GetAttribute("aria-invalid"));
        Assert.Equal("Indlæs fil", form.QuerySelector("button[type=submit]")!.Text());

        var rows = document.QuerySelectorAll("tbody tr").Select(row => row.QuerySelectorAll("td").Skip(1).Take(7).Select(cell => cell.Text()).ToList()).ToList();
        Assert.Equal(
            [
                ["Upload", "Aarhus (0751)", "Beløb (eIndkomst)", "1.234", "1.000", "200", "34"],
                ["Filmappe", "København (0101), Aarhus (0751)", "Beløb (eIndkomst)", "1.234", "1.000", "200", "34"],
            ],
            rows);
        Assert.Equal(
            ["/registerudtraek/0123456789abcdef0123456789abcdef", "/registerudtraek/fedcba9876543210fedcba9876543210"],
            document.QuerySelectorAll("tbody td[data-title=Rapport] a").Select(a => a.GetAttribute("href")));
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task A_refused_file_is_shown_by_its_field_and_in_the_error_summary_and_no_imports_say_so()
    {
        var model = new RegisterExtractsPageModel(["Aarhus (0751)"], [], new FieldErrors([new(RegisterExtractsPageModel.FileField, ["Vælg en CSV-fil med registerudtrækket."])]));

        var document = await Renderer.PageAsync<RegisterExtractsPage, RegisterExtractsPageModel>(model, Monitoring);

        Assert.StartsWith("Fejl:", document.Title, StringComparison.Ordinal);
        Assert.Equal("#field-fil", document.QuerySelector(".alert-error a")!.GetAttribute("href"));
        var file = document.QuerySelector("input[type=file]")!;
        Assert.Equal("true", file.GetAttribute("aria-invalid"));
        Assert.Contains("field-fil-error", file.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Contains("Vælg en CSV-fil", document.GetElementById("field-fil-error")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Der er ikke indlæst registerudtræk endnu.", document.QuerySelector(".empty-state")!.Text());
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task A_report_shows_its_counts_and_the_first_hundred_errors_with_line_field_and_message_encoded()
    {
        var errors = Enumerable.Range(2, 150).Select(line => new ExtractError(line, "taxPaidDkk", "Beløbet må ikke være negativt. <script>")).ToList();
        var report = new ExtractImportReport("0123456789abcdef0123456789abcdef", ExtractFormat.Amounts, 1500, 1200, 150, errors);
        var model = new RegisterExtractReportPageModel(Import(report.UploadId, "oid-1", "0751"), report);

        var html = await Renderer.HtmlAsync<RegisterExtractReportPage>(("Model", model), ("Frame", Monitoring));
        var document = Renderer.Parse(html);
        document.AssertScrollRegionsAreReachable();

        Assert.Equal("Rapport for registerudtræk", document.QuerySelector("h1")!.Text());
        Assert.Equal("/registerudtraek", document.QuerySelector("a.back-link")!.GetAttribute("href"));
        var counts = document.QuerySelectorAll(".extract-counts tr").Select(row => $"{row.QuerySelector("th")!.Text()}: {row.QuerySelector("td")!.Text()}");
        Assert.Equal(["Format: Beløb (eIndkomst)", "Rækker læst: 1.500", "Rækker indlæst: 1.200", "Rækker uden aftale i kommunerne: 150", "Fejl: 150"], counts);
        Assert.Equal("Viser de første 100 af 150 fejl. Ret dem, og indlæs filen igen for at se resten.", document.QuerySelector(".extract-errors-capped")!.Text());
        var rows = document.QuerySelectorAll("#extract-errors-caption ~ tbody tr").ToList();
        Assert.Equal(ExtractReportView.MaxErrorsShown, rows.Count);
        Assert.Equal(["2", "taxPaidDkk", "Beløbet må ikke være negativt. <script>"], rows[0].QuerySelectorAll("td").Select(cell => cell.Text()));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Null(document.QuerySelector(".alert-error"));
    }

    [Fact]
    public async Task A_refused_report_says_nothing_was_imported_and_names_the_whole_file_and_the_header()
    {
        var report = new ExtractImportReport("0123456789abcdef0123456789abcdef", ExtractFormat.Unknown, 0, 0, 0,
            [new ExtractError(0, null, DroppedExtractName.UnknownMunicipality), new ExtractError(1, null, "Filen er tom.")]);
        var model = new RegisterExtractReportPageModel(Import(report.UploadId, ExtractUploader.DropFolderId), report);

        var document = await Renderer.PageAsync<RegisterExtractReportPage, RegisterExtractReportPageModel>(model, Monitoring);

        Assert.Equal("Filen kunne ikke læses", document.QuerySelector(".alert-error .alert-heading")!.Text());
        Assert.Contains("Filmappe", document.QuerySelector(".font-lead")!.Text(), StringComparison.Ordinal);
        Assert.Equal(["Hele filen", "1 (overskriften)"], document.QuerySelectorAll("td[data-title=Linje]").Select(cell => cell.Text()));
        Assert.Equal(["–", "–"], document.QuerySelectorAll("td[data-title=Felt]").Select(cell => cell.Text()));
        Assert.Equal("Format: Ikke læst", $"{document.QuerySelector(".extract-counts th")!.Text()}: {document.QuerySelector(".extract-counts td")!.Text()}");
    }
}
