using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;
using Mobilitet.Workflows.Web.Tests.Shared;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class EscalationsPageTests
{
    private static readonly PageFrame Supervisor = new()
    {
        User = Samples.User(roles: Roles.Supervisor),
        Navigation = NavigationSections.MyTasks | NavigationSections.Agreements | NavigationSections.Escalations,
        Antiforgery = new AntiforgeryToken("__RequestVerificationToken", "form-token"),
    };

    private static readonly EscalationRecord BelowThreshold = Samples.Escalation(EscalationStatus.Unresolved, subject: "m3") with
    {
        Reason = EscalationReason.IndicatorBelowThreshold,
        Level = 2,
    };

    private static EscalationView Below(bool overdue = true) => new(
        BelowThreshold,
        "Aarhus",
        new DateOnly(2027, 6, 11),
        overdue,
        12,
        new EscalationNumbers
        {
            Milestone = Milestone.M3,
            Indicators = new IndicatorNumbers(
                new IndicatorValues(0.2m, 200_000m, 30_000m),
                new IndicatorValues(0.05m, 260_000m, 10_000m),
                0.1m,
                230_000m,
                [Breach.SelfSufficiencyBelowMinimum, Breach.ResourceDrawAboveMaximum]),
        });

    private static EscalationView MoveOverdue() => new(
        Samples.Escalation(subject: "move") with { Reason = EscalationReason.MoveOverdue },
        "Aarhus",
        new DateOnly(2027, 6, 20),
        false,
        1,
        new EscalationNumbers { PlannedMoveDate = new DateOnly(2027, 3, 1), DaysOverdue = 31 });

    private static EscalationsPageModel Model(params EscalationView[] views) => new() { Escalations = views, Choices = Samples.Choices, NoteMaxLength = 2000 };

    [Fact]
    public async Task Each_escalation_shows_its_reason_level_age_deadline_and_numbers_and_a_plain_decision_form()
    {
        var document = await Renderer.PageAsync<EscalationsPage, EscalationsPageModel>(Model(Below(), MoveOverdue()), Supervisor);

        Assert.Equal("Eskaleringer – Flytteaftaler – Mobilitetsenheden", document.Title);
        Assert.Equal("page", document.QuerySelector("nav[aria-label=Hovedmenu] a[href='/eskaleringer']")!.GetAttribute("aria-current"));
        var below = document.GetElementById("eskalering-" + BelowThreshold.EscalationId)!;
        Assert.Equal("En måling ligger under tærsklen", below.QuerySelector("h2")!.Text());
        Assert.Equal(
            [
                "Flytteaftale: fa-0123456789abcdefghij (Aarhus)", "Niveau: 2", "Status: Afventer beslutning (fristen er overskredet)",
                "Rejst: 1. marts 2027 (for 12 dage siden)", "Frist: 11. juni 2027 Overskredet",
            ],
            below.QuerySelectorAll("dl.facts dt").Select(dt => dt.Text() + ": " + dt.NextElementSibling!.Text()));
        Assert.Equal("Tallene bag: 3-måneders-målingen", below.QuerySelector("table.indicator-numbers caption")!.Text());
        Assert.Equal(
            ["Selvforsørgelsesgrad | 20 % | 5 % | mindst 10 % | Under tærsklen", "Ressourcetræk pr. år | 200.000 kr. | 260.000 kr. | højst 230.000 kr. | Over tærsklen"],
            below.QuerySelectorAll("table.indicator-numbers tbody tr").Select(row => string.Join(" | ", row.Children.Select(cell => cell.Text()))));

        var move = document.GetElementById("eskalering-fa-0123456789abcdefghij-esc-move")!;
        Assert.Contains("Planlagt flyttedato: 1. marts 2027 (31 dage over)", move.QuerySelectorAll("dl.facts dt").Select(dt => dt.Text() + ": " + dt.NextElementSibling!.Text()));
        Assert.Contains("Rejst: 1. marts 2027 (for 1 dag siden)", move.QuerySelectorAll("dl.facts dt").Select(dt => dt.Text() + ": " + dt.NextElementSibling!.Text()));

        var form = below.QuerySelector("form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal($"/eskaleringer/{BelowThreshold.EscalationId}/beslutning", form.GetAttribute("action"));
        Assert.Equal("form-token", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        Assert.Equal(["acknowledged", "follow-up", "extend-monitoring", "close"], form.QuerySelectorAll("input[type=radio][name=decision]").Select(input => input.GetAttribute("value")));
        Assert.NotNull(form.QuerySelector(".form-limit[data-maxlength='2000'] textarea[name=note]"));
        Assert.Null(form.QuerySelector("input[name=token]")); // the signed-in supervisor needs no email link
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task A_form_sent_back_shows_its_choice_note_and_errors_by_the_fields_and_in_the_summary()
    {
        var sent = new ListForm(BelowThreshold.EscalationId, new Dictionary<string, string> { ["note"] = "Jeg ringer." }, new FieldErrors([new("decision", ["Feltet skal udfyldes."])]));

        var document = await Renderer.PageAsync<EscalationsPage, EscalationsPageModel>(Model(Below(), MoveOverdue()) with { Form = sent }, Supervisor);

        Assert.StartsWith("Fejl:", document.Title, StringComparison.Ordinal);
        Assert.Equal($"#field-{BelowThreshold.EscalationId}-decision", document.QuerySelector("[data-module=error-summary] a")!.GetAttribute("href"));
        Assert.Equal("Fejl: Feltet skal udfyldes.", document.GetElementById($"field-{BelowThreshold.EscalationId}-decision-error")!.Text());
        Assert.Equal("Jeg ringer.", document.GetElementById($"field-{BelowThreshold.EscalationId}-note")!.Text());
        Assert.Null(document.GetElementById("field-fa-0123456789abcdefghij-esc-move-decision-error"));
        Assert.Equal(string.Empty, document.GetElementById("field-fa-0123456789abcdefghij-esc-move-note")!.Text());
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task Errors_for_an_escalation_no_longer_listed_are_shown_without_links_and_a_refusal_is_explained()
    {
        var sent = new ListForm("fa-00000000000000000001-esc-move", new Dictionary<string, string>(), new FieldErrors([new("decision", ["Feltet skal udfyldes."])]));

        var gone = await Renderer.PageAsync<EscalationsPage, EscalationsPageModel>(Model(MoveOverdue()) with { Form = sent }, Supervisor);
        var refused = await Renderer.PageAsync<EscalationsPage, EscalationsPageModel>(Model() with { Refusal = new ListRefusal(BelowThreshold.EscalationId, "Eskaleringen er allerede afsluttet.") }, Supervisor);

        Assert.Equal("Feltet skal udfyldes.", gone.QuerySelector("[data-module=error-summary] li")!.Text());
        Assert.Empty(gone.QuerySelectorAll("[data-module=error-summary] a"));
        Assert.Equal("Beslutningen er ikke registreret", refused.QuerySelector(".alert-error .alert-heading")!.Text());
        Assert.Contains("Eskaleringen er allerede afsluttet.", refused.QuerySelector(".alert-error")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Der er ingen åbne eskaleringer i dine kommuner.", refused.QuerySelector(".empty-state")!.Text());
    }
}
