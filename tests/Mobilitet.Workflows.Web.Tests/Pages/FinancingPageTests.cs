using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;
using Mobilitet.Workflows.Web.Tests.Shared;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class FinancingPageTests
{
    private const string Id = "fa-0123456789abcdefghij";

    private static readonly PageFrame Approver = new()
    {
        User = Samples.User(roles: Roles.FinanceApprover),
        Navigation = NavigationSections.MyTasks | NavigationSections.Agreements | NavigationSections.Financing,
        Antiforgery = new AntiforgeryToken("__RequestVerificationToken", "form-token"),
    };

    private static FinancingRequestView Request(string id = Id, bool overdue = false, BusinessCase? businessCase = null) => new(
        id,
        "Aarhus",
        "Gellerupparken",
        new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero),
        new DateOnly(2027, 3, 11),
        overdue,
        50_000m,
        "standard-v1",
        businessCase ?? new BusinessCase(50_000m, 0.3m, 180_000m, 20_000m, 15_000m, 52_500m),
        25_000m,
        1.5m);

    private static FinancingPageModel Model(params FinancingRequestView[] requests) => new() { Requests = requests, ReasonMaxLength = 1000 };

    [Fact]
    public async Task Each_request_shows_its_facts_in_danish_its_business_case_and_two_plain_forms_that_post_to_its_decision_route()
    {
        var document = await Renderer.PageAsync<FinancingPage, FinancingPageModel>(Model(Request(overdue: true)), Approver);

        Assert.Equal("Finansiering – Flytteaftaler – Mobilitetsenheden", document.Title);
        Assert.Equal("page", document.QuerySelector("nav[aria-label=Hovedmenu] a[href='/finansiering']")!.GetAttribute("aria-current"));
        var section = document.GetElementById("finansiering-" + Id)!;
        Assert.Equal("Flytteaftale " + Id, section.QuerySelector("h2")!.Text());
        Assert.Equal(
            ["Kommune: Aarhus", "Boligområde: Gellerupparken", "Sendt til afgørelse: 1. marts 2027", "Frist for afgørelse: 11. marts 2027 Overskredet", "Ansøgt beløb: 50.000 kr."],
            section.QuerySelectorAll("dl.facts dt").Select(dt => dt.Text() + ": " + dt.NextElementSibling!.Text()));
        Assert.Equal(
            ["Forventet offentlig gevinst over 36 måneder: 52.500 kr.", "Årlig besparelse på overførsler ved målet: 20.000 kr.", "Årlig skattegevinst ved målet: 15.000 kr.", "Gevinst pr. ansøgt krone: 1,05"],
            section.QuerySelectorAll("table.business-case tr").Select(row => row.Children[0].Text() + ": " + row.Children[1].Text()));
        Assert.Equal("Forretningscase (politik standard-v1)", section.QuerySelector("table.business-case caption")!.Text());

        var forms = section.QuerySelectorAll("form");
        Assert.Equal(2, forms.Length);
        Assert.All(forms, form =>
        {
            Assert.Equal("post", form.GetAttribute("method"));
            Assert.Equal($"/finansiering/{Id}/afgoerelse", form.GetAttribute("action"));
            Assert.Equal("form-token", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        });
        Assert.Equal(["approved", "rejected"], forms.Select(form => form.QuerySelector("input[name=decision]")!.GetAttribute("value")));
        Assert.Equal("50.000", forms[0].QuerySelector("input[name=approvedDkk]")!.GetAttribute("value"));
        Assert.Contains("Højst det ansøgte beløb, 50.000 kr.", forms[0].Text(), StringComparison.Ordinal);
        Assert.NotNull(forms[1].QuerySelector(".form-limit[data-maxlength='1000'] textarea[name=reason]"));
        Assert.Equal(["Godkend", "Afvis"], forms.Select(form => form.QuerySelector("button[type=submit]")!.Text()));
        Assert.Empty(document.QuerySelectorAll("[data-module=error-summary]"));
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task A_form_sent_back_shows_what_was_typed_and_its_errors_by_the_field_and_in_the_summary_other_requests_untouched()
    {
        const string other = "fa-00000000000000000001";
        var sent = new ListForm(Id, new Dictionary<string, string> { ["decision"] = "approved", ["approvedDkk"] = "60.000" }, new FieldErrors([new("approvedDkk", ["Det godkendte beløb må ikke overstige det ansøgte beløb."])]));

        var document = await Renderer.PageAsync<FinancingPage, FinancingPageModel>(Model(Request(), Request(other)) with { Form = sent }, Approver);

        Assert.StartsWith("Fejl:", document.Title, StringComparison.Ordinal);
        var summaryLink = document.QuerySelector("[data-module=error-summary] a")!;
        Assert.Equal($"#field-{Id}-approvedDkk", summaryLink.GetAttribute("href"));
        Assert.Equal("Det godkendte beløb må ikke overstige det ansøgte beløb.", summaryLink.Text());
        var input = document.GetElementById($"field-{Id}-approvedDkk")!;
        Assert.Equal("60.000", input.GetAttribute("value"));
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("Fejl: Det godkendte beløb må ikke overstige det ansøgte beløb.", document.GetElementById($"field-{Id}-approvedDkk-error")!.Text());
        Assert.Equal("50.000", document.GetElementById($"field-{other}-approvedDkk")!.GetAttribute("value"));
        Assert.Null(document.GetElementById($"field-{other}-approvedDkk-error"));
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task A_decision_not_recorded_is_explained_and_an_empty_list_says_so()
    {
        var refused = await Renderer.PageAsync<FinancingPage, FinancingPageModel>(
            Model() with { Refusal = new ListRefusal(Id, "Der er allerede truffet en afgørelse.") }, Approver);
        var later = await Renderer.PageAsync<FinancingPage, FinancingPageModel>(Model() with { FirstPagePath = "/finansiering" }, Approver);

        Assert.Equal("Afgørelsen er ikke registreret", refused.QuerySelector(".alert-error .alert-heading")!.Text());
        Assert.Contains($"Flytteaftale {Id}: Der er allerede truffet en afgørelse.", refused.QuerySelector(".alert-error")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Der er ingen ansøgninger om finansiering, der venter på en afgørelse.", refused.QuerySelector(".empty-state")!.Text());
        Assert.Equal("Der er ikke flere ansøgninger.", later.QuerySelector(".empty-state")!.Text());
        Assert.Equal("/finansiering", later.QuerySelector("main a.function-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_v2_business_case_shows_its_years_payback_recommendation_and_every_assumption_with_its_source()
    {
        // The figures themselves are checked against hand-computed examples in BusinessCaseTests; here, that the page shows them all.
        // An annual gain of 35 000 kr. passes 10 000 kr. in month 16 (35 000 × 16² / 864 = 10 370), recommended (52 500 ≥ 1.5 × 10 000).
        var businessCase = BusinessCase.Project(
            Policies.PolicyCatalog.Get("standard-v1"), InstrumentCatalog.Get("municipal-fund-v2"), new Indicators.IndicatorValues(0.2m, 200_000m, 30_000m), 10_000m);

        var document = await Renderer.PageAsync<FinancingPage, FinancingPageModel>(Model(Request(businessCase: businessCase)), Approver);

        var section = document.GetElementById("finansiering-" + Id)!;
        var years = section.QuerySelectorAll("table.business-case-years-table tbody tr");
        Assert.Equal(["0", "1", "2", "3"], years.Select(row => row.GetAttribute("data-year")));
        Assert.Equal(DanishFormatOf(businessCase.Years[0].GainDkk), years[1].Children[2].Text());
        Assert.Equal(DanishFormatOf(businessCase.BaselineNetContributionDkk), years[0].Children[1].Text());
        Assert.Equal(16, businessCase.PaybackMonth);
        Assert.Equal("16", section.QuerySelector("[data-payback]")!.GetAttribute("data-payback"));
        Assert.Contains("måned 16", section.QuerySelector("[data-payback]")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Recommended", section.QuerySelector("[data-recommendation]")!.GetAttribute("data-recommendation"));
        var assumptions = section.QuerySelectorAll("table.business-case-assumptions tbody tr");
        Assert.Equal(businessCase.Assumptions.Select(assumption => assumption.Name), assumptions.Select(row => row.GetAttribute("data-assumption")));
        Assert.Equal("Politik standard-v1", assumptions[0].Children[2].Text());
        Assert.Equal("Kommunal mobilitetspulje (tilskud, v2)", assumptions.Single(row => row.GetAttribute("data-assumption") == "max-amount-dkk").Children[2].Text());
        Assert.Equal("60.000 kr.", assumptions.Single(row => row.GetAttribute("data-assumption") == "max-amount-dkk").Children[1].Text());
        Assert.Contains("business-case-v2", section.QuerySelector("table.business-case-assumptions caption")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_decisions_ask_for_a_reason_and_an_error_on_the_approvals_reason_links_to_the_approval_forms_field()
    {
        var sent = new ListForm(Id, new Dictionary<string, string> { ["decision"] = "approved", ["approvedDkk"] = "50.000" }, new FieldErrors([new("reason", ["Feltet skal udfyldes."])]));

        var fresh = await Renderer.PageAsync<FinancingPage, FinancingPageModel>(Model(Request()), Approver);
        var document = await Renderer.PageAsync<FinancingPage, FinancingPageModel>(Model(Request()) with { Form = sent }, Approver);

        var forms = fresh.GetElementById("finansiering-" + Id)!.QuerySelectorAll("form");
        Assert.All(forms, form => Assert.NotNull(form.QuerySelector("textarea[name=reason][required]")));
        var summaryLink = document.QuerySelector("[data-module=error-summary] a")!;
        Assert.Equal($"#field-{Id}-reason", summaryLink.GetAttribute("href"));
        var approval = document.GetElementById("finansiering-" + Id)!.QuerySelectorAll("form")[0];
        Assert.Equal($"field-{Id}-reason", approval.QuerySelector("textarea[name=reason]")!.Id);
        Assert.Equal("true", approval.QuerySelector("textarea[name=reason]")!.GetAttribute("aria-invalid"));
        FormComponentTests.AssertReferencesExist(document);
    }

    private static string DanishFormatOf(decimal amount) => Notifications.DanishFormat.Dkk(amount);
}
