using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;
using Mobilitet.Workflows.Web.Tests.Shared;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class AuditPageTests
{
    private static readonly PageFrame Administrator = new()
    {
        User = Samples.User(roles: Roles.Administrator),
        Navigation = NavigationSections.Agreements | NavigationSections.Audit,
    };

    [Fact]
    public async Task A_day_of_the_log_shows_who_saw_which_agreements_personal_data_in_danish_time_newest_first()
    {
        var day = new DateOnly(2027, 3, 1);
        var model = new AuditPageModel(
            day,
            "2027-03-01",
            [
                new AuditEntry(new DateTimeOffset(2027, 3, 1, 12, 30, 0, TimeSpan.Zero), "oid-2", [Roles.Caseworker], AuditAction.ViewedPersonalData, "fa-0123456789abcdefghij"),
                new AuditEntry(new DateTimeOffset(2027, 3, 1, 8, 5, 0, TimeSpan.Zero), "oid-1", [Roles.Caseworker, Roles.Supervisor], AuditAction.ViewedPersonalData, "fa-00000000000000000001"),
            ],
            FieldErrors.None);

        var document = await Renderer.PageAsync<AuditPage, AuditPageModel>(model, Administrator);
        document.AssertScrollRegionsAreReachable();

        Assert.Equal("Revision – Flytteaftaler – Mobilitetsenheden", document.Title);
        Assert.Equal("page", document.QuerySelector("nav[aria-label=Hovedmenu] a[href='/revision']")!.GetAttribute("aria-current"));
        Assert.Equal("Hændelser 1. marts 2027, nyeste først", document.QuerySelector("caption")!.Text());
        var rows = document.QuerySelectorAll("tbody tr").Select(row => row.QuerySelectorAll("td").Skip(1).Select(cell => cell.Text()).ToList()).ToList();
        Assert.Equal(
            [
                ["oid-2", "Sagsbehandler", "Så aftalens personoplysninger", "fa-0123456789abcdefghij", ""],
                ["oid-1", "Sagsbehandler, Tilsynsenhed", "Så aftalens personoplysninger", "fa-00000000000000000001", ""],
            ],
            rows);
        Assert.Equal("/api/audit?date=2027-03-01&format=csv", document.QuerySelector("main a[download]")!.GetAttribute("href"));
        Assert.StartsWith("1. marts 2027", document.QuerySelector("tbody td[data-title=Tidspunkt]")!.Text(), StringComparison.Ordinal);
        Assert.Equal("/aftaler/fa-0123456789abcdefghij", document.QuerySelector("tbody td[data-title=Flytteaftale] a")!.GetAttribute("href"));
        var form = document.QuerySelector("main form")!;
        Assert.Equal(("get", "/revision"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Equal("2027-03-01", form.QuerySelector("input[name=dato]")!.GetAttribute("value"));
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task An_empty_day_says_so_and_a_date_that_cannot_be_read_is_shown_by_its_field()
    {
        var empty = await Renderer.PageAsync<AuditPage, AuditPageModel>(new AuditPageModel(new DateOnly(2027, 3, 2), "2027-03-02", [], FieldErrors.None), Administrator);
        var invalid = await Renderer.PageAsync<AuditPage, AuditPageModel>(
            new AuditPageModel(null, "2027-02-30", [], new FieldErrors([new(AuditPageModel.DayField, ["Skriv en gyldig dato."])])), Administrator);

        Assert.Equal("Ingen hændelser 2. marts 2027.", empty.QuerySelector(".empty-state")!.Text());
        Assert.StartsWith("Fejl:", invalid.Title, StringComparison.Ordinal);
        Assert.Equal("#field-dato", invalid.QuerySelector("[data-module=error-summary] a")!.GetAttribute("href"));
        Assert.Equal("Fejl: Skriv en gyldig dato.", invalid.GetElementById("field-dato-error")!.Text());
        Assert.Equal("2027-02-30", invalid.GetElementById("field-dato")!.GetAttribute("value"));
        Assert.Empty(invalid.QuerySelectorAll("table, .empty-state"));
        FormComponentTests.AssertReferencesExist(invalid);
    }
}
