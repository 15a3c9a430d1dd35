using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;
using Mobilitet.Workflows.Web.Tests.Shared;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class AgreementsPageTests
{
    private static readonly PageFrame Caseworker = new() { User = Samples.User(roles: Roles.Caseworker), Navigation = NavigationSections.MyTasks | NavigationSections.Agreements };

    private static readonly AgreementRow Overdue = new("fa-0123456789abcdefghij", "Aarhus", "Gellerupparken", AgreementStatus.AwaitingMove, new DateOnly(2027, 3, 1), IsOverdue: true, NeedsAction: true);

    private static readonly AgreementRow Ended = new("fa-00000000000000000001", "Aarhus", null, AgreementStatus.Cancelled, null, IsOverdue: false, NeedsAction: false);

    private static AgreementsPageModel Model(AgreementFilter? filter = null, AgreementResultsModel? results = null, bool all = false, bool mayFilterOwn = true) => new()
    {
        Filter = filter ?? AgreementFilter.None,
        Municipalities = [new SelectOption("0751", "Aarhus"), new SelectOption("0101", "København")],
        AllMunicipalities = all,
        MayFilterOwn = mayFilterOwn,
        Results = results ?? new AgreementResultsModel { Rows = [Overdue, Ended] },
    };

    [Fact]
    public async Task The_filter_form_is_a_plain_get_form_that_htmx_turns_into_a_request_for_the_results_region()
    {
        var document = await Renderer.PageAsync<AgreementsPage, AgreementsPageModel>(Model(), Caseworker);

        Assert.Equal("Aftaler – Flytteaftaler – Mobilitetsenheden", document.Title);
        Assert.Equal("page", document.QuerySelector("nav[aria-label=Hovedmenu] a[href='/aftaler']")!.GetAttribute("aria-current"));
        var form = document.QuerySelector("form")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/aftaler", form.GetAttribute("action"));
        Assert.Equal("/aftaler", form.GetAttribute("hx-get"));
        Assert.Equal("#agreement-results", form.GetAttribute("hx-target"));
        Assert.Equal("outerHTML", form.GetAttribute("hx-swap"));
        Assert.Equal("true", form.GetAttribute("hx-push-url"));
        Assert.NotNull(document.GetElementById("agreement-results"));
        Assert.Empty(form.QuerySelectorAll("input[name=__RequestVerificationToken]")); // a GET changes nothing
        Assert.Equal(
            ["kommune", "status", "omraade", "soeg", "sagsbehandler", "handling"],
            form.QuerySelectorAll("select, input").Select(input => input.GetAttribute("name")!).Distinct());
        Assert.Equal(["Alle mine kommuner", "Aarhus", "København"], form.QuerySelectorAll("select[name=kommune] option").Select(o => o.Text()));
        Assert.Equal(
            ["Alle", "Afventer samtykke", "Afventer finansiering", "Afventer flytning", "I opfølgning", "Afsluttet", "Samtykke afvist",
             "Udløbet uden samtykke", "Finansiering afvist", "Annulleret", "Samtykke trukket tilbage", "Fejlet – afventer driften"],
            form.QuerySelectorAll("select[name=status] option").Select(o => o.Text()));
        Assert.Equal("AwaitingMove", form.QuerySelectorAll("select[name=status] option")[3].GetAttribute("value"));
        Assert.Equal("Vis aftaler", form.QuerySelector("button[type=submit]")!.Text());
        Assert.Null(form.QuerySelector("a[href='/aftaler']")); // nothing to reset
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task The_form_shows_the_filters_that_were_sent_and_a_way_to_reset_them()
    {
        var filter = new AgreementFilter { Municipality = "0101", Status = "Monitoring", Area = "Vollsmose", MineOnly = true, NeedsAction = true, Search = "fa-0123" };

        var document = await Renderer.PageAsync<AgreementsPage, AgreementsPageModel>(Model(filter), Caseworker);

        Assert.Equal("0101", document.QuerySelector("select[name=kommune] option[selected]")!.GetAttribute("value"));
        Assert.Equal("Monitoring", document.QuerySelector("select[name=status] option[selected]")!.GetAttribute("value"));
        Assert.Equal("Vollsmose", document.QuerySelector("input[name=omraade]")!.GetAttribute("value"));
        Assert.Equal("fa-0123", document.QuerySelector("input[name=soeg]")!.GetAttribute("value"));
        Assert.Equal("mine", document.QuerySelector("input[name=sagsbehandler][checked]")!.GetAttribute("value"));
        Assert.NotNull(document.QuerySelector("input[name=handling][value=ja][checked]"));
        Assert.Equal("Nulstil filtre", document.QuerySelector("form a[href='/aftaler']")!.Text());
    }

    [Fact]
    public async Task The_monitoring_unit_chooses_among_all_municipalities_and_has_no_agreements_of_its_own()
    {
        var document = await Renderer.PageAsync<AgreementsPage, AgreementsPageModel>(Model(all: true, mayFilterOwn: false), Caseworker);

        Assert.Equal("Alle kommuner", document.QuerySelector("select[name=kommune] option")!.Text());
        Assert.Empty(document.QuerySelectorAll("input[name=sagsbehandler]"));
    }

    [Fact]
    public async Task Each_agreement_links_to_its_page_with_its_status_in_danish_and_its_next_due_date_overdue_marked()
    {
        var document = await Renderer.PageAsync<AgreementsPage, AgreementsPageModel>(Model(), Caseworker);
        document.AssertScrollRegionsAreReachable();

        var rows = document.QuerySelectorAll("#agreement-results tbody tr").Select(row => row.QuerySelectorAll("td").Select(cell => cell.Text()).ToList()).ToList();
        Assert.Equal(
            [
                ["fa-0123456789abcdefghij", "Aarhus", "Gellerupparken", "Afventer flytning", "1. marts 2027 Overskredet", "Ja"],
                ["fa-00000000000000000001", "Aarhus", "–", "Annulleret", "–", "Nej"],
            ],
            rows);
        Assert.Equal("/aftaler/fa-0123456789abcdefghij", document.QuerySelector("#agreement-results tbody a")!.GetAttribute("href"));
        Assert.Equal("2027-03-01", document.QuerySelector("#agreement-results tbody time")!.GetAttribute("datetime"));
        Assert.Equal("Viser 2 aftaler, sorteret efter næste frist.", document.QuerySelector("#agreement-results [role=status]")!.Text());
    }

    [Fact]
    public async Task The_next_page_link_carries_the_filters_and_the_token_and_htmx_fetches_it_into_the_region()
    {
        var filter = new AgreementFilter { Municipality = "0751", Area = "Gellerup Parken", NeedsAction = true };
        var results = new AgreementResultsModel { Rows = [Overdue], NextPagePath = filter.Path("MXwwNjM4"), FirstPagePath = filter.Path(), Filtered = true };

        var document = await Renderer.DocumentAsync<AgreementResults>(("Model", results));

        var next = document.QuerySelector("nav.pager a[rel=next]")!;
        Assert.Equal("/aftaler?kommune=0751&omraade=Gellerup%20Parken&handling=ja&side=MXwwNjM4", next.GetAttribute("href"));
        Assert.Equal(next.GetAttribute("href"), next.GetAttribute("hx-get"));
        Assert.Equal("#agreement-results", next.GetAttribute("hx-target"));
        Assert.Equal("/aftaler?kommune=0751&omraade=Gellerup%20Parken&handling=ja", document.QuerySelector("nav.pager a:not([rel])")!.GetAttribute("href"));
        Assert.Equal("agreement-results", document.Body!.FirstElementChild!.Id); // the fragment is the region itself
        Assert.Empty(document.QuerySelectorAll("form, header, nav[aria-label=Hovedmenu]"));
    }

    [Theory]
    [InlineData(false, false, "Der er ingen aftaler endnu.")]
    [InlineData(true, false, "Ingen aftaler passer til filtrene.")]
    [InlineData(true, true, "Ingen aftaler på denne side passer til filtrene. Se næste side.")]
    public async Task An_empty_list_says_why(bool filtered, bool hasNext, string expected)
    {
        var results = new AgreementResultsModel { Rows = [], Filtered = filtered, NextPagePath = hasNext ? "/aftaler?side=x" : null };

        var document = await Renderer.DocumentAsync<AgreementResults>(("Model", results));

        Assert.Equal(expected, document.QuerySelector(".empty-state")!.Text());
        Assert.Empty(document.QuerySelectorAll("table"));
        Assert.Equal(hasNext ? 1 : 0, document.QuerySelectorAll("nav.pager a[rel=next]").Length);
    }

    [Fact]
    public async Task Filters_that_cannot_be_used_are_shown_by_their_fields_and_summed_up_at_the_top()
    {
        var errors = new FieldErrors(new Dictionary<string, string[]> { ["status"] = ["Vælg en status fra listen."] });
        var model = Model(new AgreementFilter { Status = "Nonsense" }, AgreementResultsModel.Empty with { Errors = errors }) with { Errors = errors };

        var document = await Renderer.PageAsync<AgreementsPage, AgreementsPageModel>(model, Caseworker);

        Assert.StartsWith("Fejl: ", document.Title, StringComparison.Ordinal);
        Assert.Equal("#field-status", document.QuerySelector("[data-module=error-summary] a")!.GetAttribute("href"));
        Assert.Equal("Fejl: Vælg en status fra listen.", document.GetElementById("field-status-error")!.Text());
        Assert.Empty(document.QuerySelectorAll("#agreement-results table"));
    }

    [Fact]
    public async Task The_region_alone_explains_a_damaged_page_link_and_links_to_the_first_page()
    {
        var results = AgreementResultsModel.Empty with { InvalidPageLink = true, FirstPagePath = "/aftaler?kommune=0751" };

        var document = await Renderer.DocumentAsync<AgreementResults>(("Model", results));

        var alert = document.QuerySelector("#agreement-results .alert-error")!;
        Assert.Equal("Linket til siden er ugyldigt", alert.QuerySelector(".alert-heading")!.Text());
        Assert.Equal("/aftaler?kommune=0751", alert.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void A_filter_path_leaves_out_empty_filters_and_encodes_the_rest()
    {
        Assert.Equal("/aftaler", AgreementFilter.None.Path());
        Assert.Equal("/aftaler?status=Monitoring&sagsbehandler=mine&soeg=%C3%85rhus%20%26%20co", new AgreementFilter { Status = "Monitoring", MineOnly = true, Search = "Århus & co" }.Path());
        Assert.EndsWith("&side=a%2Bb", new AgreementFilter { Status = "Monitoring" }.Path("a+b"), StringComparison.Ordinal);
    }

}
