using Mobilitet.Workflows.Caseload;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;
using Mobilitet.Workflows.Web.Tests.Shared;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class CaseloadImportPageTests
{
    private static readonly PageFrame Caseworker = new()
    {
        User = Samples.User(roles: Roles.Caseworker),
        Navigation = NavigationSections.NewAgreement | NavigationSections.Agreements,
    };

    private static readonly string[] EmptyFile = ["Filen er tom."];

    private static CaseloadImportReport Report(bool completed) => new(
        "ci-0123456789abcdef0123",
        completed,
        RowsRead: 4,
        RowsDone: completed ? 4 : 1,
        RowsCreated: 1,
        RowsAlreadyCreated: 1,
        RowsRejected: 2,
        Errors: [new ExtractError(3, "resident.cpr", "CPR-nummeret har en ugyldig dato."), new ExtractError(5, null, "Linjen har 3 felter, men overskriften har 19.")],
        Created: [new CaseloadCreatedRow(2, "fa-00000000000000000002")],
        AlreadyCreated: [new CaseloadCreatedRow(4, "fa-00000000000000000004")]);

    [Fact]
    public async Task The_upload_form_is_a_multipart_post_with_a_file_field_the_exact_header_and_its_error_next_to_the_field()
    {
        var model = new CaseloadImportPageModel(CaseloadFile.Header, 10)
        {
            Errors = new FieldErrors([KeyValuePair.Create(CaseloadImportPageModel.FileField, EmptyFile)]),
        };

        var document = await Renderer.PageAsync<CaseloadImportPage, CaseloadImportPageModel>(model, Caseworker);

        var form = document.QuerySelector("form[method=post]")!;
        Assert.Equal("/aftaler/indlaes", form.GetAttribute("action"));
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        var input = form.QuerySelector("input[type=file]")!;
        Assert.Equal(CaseloadImportPageModel.FileField, input.GetAttribute("name"));
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains("Filen er tom.", document.QuerySelector(".form-error")!.Text(), StringComparison.Ordinal);
        Assert.Equal(CaseloadFile.Header, document.QuerySelector("code.caseload-header")!.Text());
        Assert.StartsWith("Fejl: ", document.Title, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task While_the_import_runs_a_progress_bar_shows_the_rows_done()
    {
        var document = await Renderer.PageAsync<CaseloadImportStatusPage, CaseloadImportStatusPageModel>(new CaseloadImportStatusPageModel(Report(completed: false)), Caseworker);

        var progress = document.QuerySelector("progress")!;
        Assert.Equal("4", progress.GetAttribute("max"));
        Assert.Equal("1", progress.GetAttribute("value"));
        Assert.Contains("1 af 4 rækker", document.QuerySelector("[role=status]")!.Text(), StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("table"));
    }

    [Fact]
    public async Task When_done_the_report_lists_rejected_rows_by_line_field_and_reason_and_links_the_agreements()
    {
        var document = await Renderer.PageAsync<CaseloadImportStatusPage, CaseloadImportStatusPageModel>(new CaseloadImportStatusPageModel(Report(completed: true)), Caseworker);
        document.AssertScrollRegionsAreReachable();

        Assert.Null(document.QuerySelector("progress"));
        Assert.Contains("4 rækker læst: 1 oprettet, 1 allerede oprettet tidligere, 2 afvist.", document.Body!.Text().Replace("\n", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        var tables = document.QuerySelectorAll("table").ToList();
        Assert.Equal(2, tables.Count);
        var errors = tables[0].QuerySelectorAll("tbody tr").Select(row => row.QuerySelectorAll("td").Select(cell => cell.Text().Trim()).ToList()).ToList();
        Assert.Equal([["3", "resident.cpr", "CPR-nummeret har en ugyldig dato."], ["5", "", "Linjen har 3 felter, men overskriften har 19."]], errors);
        var created = tables[1].QuerySelectorAll("tbody tr").Select(row => row.QuerySelectorAll("td").Select(cell => cell.Text().Trim()).ToList()).ToList();
        Assert.Equal("2", created[0][0]);
        Assert.Equal("Nu", created[0][2]);
        Assert.Equal("Ved en tidligere indlæsning", created[1][2]);
        Assert.NotNull(tables[1].QuerySelector("a[href='/aftaler/fa-00000000000000000004']"));
    }
}
