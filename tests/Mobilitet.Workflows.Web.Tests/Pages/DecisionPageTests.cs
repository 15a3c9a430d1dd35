using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;
using Mobilitet.Workflows.Web.Tests.Shared;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class DecisionPageTests
{
    private static readonly PageFrame WithToken = PageFrame.Anonymous with { Antiforgery = new AntiforgeryToken("__RequestVerificationToken", "af-token") };

    [Fact]
    public async Task An_open_escalation_shows_what_it_is_about_and_a_form_that_posts_to_the_same_address()
    {
        var document = await Renderer.PageAsync<DecisionPage, DecisionPageModel>(Samples.DecisionForm(), WithToken);

        Assert.Equal("Eskalering af flytteaftale", document.QuerySelector("h1")!.Text());
        Assert.Equal("Eskalering – beslutning – Flytteaftaler – Mobilitetsenheden", document.Title);
        var facts = document.QuerySelectorAll("dl.facts dt").Zip(document.QuerySelectorAll("dl.facts dd"), (dt, dd) => $"{dt.Text()}: {dd.Text()}").ToList();
        Assert.Equal(
            ["Flytteaftale: fa-0123456789abcdefghij", "Årsag: Finansieringen er ikke afgjort inden fristen (financing)", "Niveau: 1",
             "Rejst: 1. marts 2027", "Frist: 8. marts 2027 kl. 14.05", "Status: Afventer beslutning"],
            facts);

        var form = document.QuerySelector("form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/api/escalations/fa-0123456789abcdefghij-esc-financing/decide", form.GetAttribute("action"));
        Assert.True(form.HasAttribute("novalidate"));
        Assert.Equal("af-token", form.QuerySelector("input[type=hidden][name=__RequestVerificationToken]")!.GetAttribute("value"));
        Assert.Equal("1.signed-token", form.QuerySelector("input[type=hidden][name=token]")!.GetAttribute("value"));
        var choices = form.QuerySelectorAll("input[type=radio][name=decision]")
            .Select(radio => (radio.GetAttribute("value"), document.QuerySelector($"label[for='{radio.Id}']")!.Text())).ToList();
        Assert.Equal(
            [("acknowledged", "Taget til efterretning"), ("follow-up", "Følges op"), ("extend-monitoring", "Forlæng opfølgningen"), ("close", "Luk sagen")],
            choices);
        Assert.Equal("Bemærkning (valgfri)", document.QuerySelector("label[for=field-note]")!.Text());
        Assert.Equal("Send beslutning", form.QuerySelector("button[type=submit]")!.Text());
        Assert.Empty(document.QuerySelectorAll("[data-module=error-summary], .alert-error"));
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task A_form_sent_back_with_errors_keeps_what_was_written_and_shows_the_errors_by_the_fields_and_at_the_top()
    {
        var errors = new FieldErrors(new Dictionary<string, string[]> { ["decision"] = ["Feltet skal udfyldes."] });
        var model = Samples.DecisionForm() with { Errors = errors, Note = "Ring i morgen." };

        var document = await Renderer.PageAsync<DecisionPage, DecisionPageModel>(model, WithToken);

        Assert.StartsWith("Fejl: ", document.Title, StringComparison.Ordinal);
        Assert.Equal("Feltet skal udfyldes.", document.QuerySelector("[data-module=error-summary] a[href='#field-decision']")!.Text());
        Assert.Equal("Fejl: Feltet skal udfyldes.", document.GetElementById("field-decision-error")!.Text());
        Assert.All(document.QuerySelectorAll("input[name=decision]"), radio => Assert.Equal("true", radio.GetAttribute("aria-invalid")));
        Assert.Equal("Ring i morgen.", document.QuerySelector("textarea[name=note]")!.TextContent);
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task A_closed_escalation_says_what_was_decided_and_offers_no_form()
    {
        var model = Samples.DecisionForm(Samples.Escalation(EscalationStatus.Decided, decision: EscalationDecision.FollowUp)) with
        {
            State = DecisionPageState.Closed,
            Decided = EscalationDecision.FollowUp,
        };

        var document = await Renderer.PageAsync<DecisionPage, DecisionPageModel>(model, WithToken);

        Assert.Contains("Eskaleringen er afsluttet: Følges op. Der skal ikke træffes flere beslutninger.", document.Body!.Text(), StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("form"));
        Assert.Equal("Afsluttet", document.QuerySelector(".badge")!.Text());
    }

    [Fact]
    public async Task An_escalation_closed_without_a_decision_says_only_that_it_is_closed()
    {
        var model = Samples.DecisionForm(Samples.Escalation(EscalationStatus.ClosedBySystem)) with { State = DecisionPageState.Closed };

        var document = await Renderer.PageAsync<DecisionPage, DecisionPageModel>(model);

        Assert.Contains("Eskaleringen er afsluttet. Der skal ikke træffes flere beslutninger.", document.Body!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_link_says_so_and_offers_no_form()
    {
        var model = Samples.DecisionForm() with { State = DecisionPageState.InvalidLink };

        var document = await Renderer.PageAsync<DecisionPage, DecisionPageModel>(model, WithToken);

        Assert.Equal("Linket er ugyldigt eller hører til en anden eskalering. Brug linket fra den seneste e-mail.", document.QuerySelector(".alert-error[role=alert] .alert-text")!.Text());
        Assert.Empty(document.QuerySelectorAll("form"));
    }

    [Fact]
    public async Task A_refused_decision_is_explained_above_the_page()
    {
        var model = Samples.DecisionForm() with { Refusal = new DecisionRefusal(DecisionRefusalKind.Unavailable, "Arbejdsgangen kan ikke nås lige nu, og intet er ændret.") };

        var document = await Renderer.PageAsync<DecisionPage, DecisionPageModel>(model, WithToken);

        var alert = document.QuerySelector(".alert-error[role=alert]")!;
        Assert.Equal("Beslutningen er ikke registreret", alert.QuerySelector(".alert-heading")!.Text());
        Assert.Equal("Arbejdsgangen kan ikke nås lige nu, og intet er ændret. Prøv igen om lidt.", alert.QuerySelector(".alert-text")!.Text());
    }
}
