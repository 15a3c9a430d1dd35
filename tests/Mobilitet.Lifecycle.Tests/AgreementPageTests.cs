using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// *Aftale* over HTTP: what each person sees (status, next step, timeline, the personal data only for the
/// agreement's caseworkers, each view audited), the steps as forms that redirect back with a message, their
/// errors by the fields, and the refusals (403 page for another municipality, alerts for conflicts and roles)
/// — none of which changes anything. No test here is about a timer, so the day is an hour: a person's step never
/// races one (at 100 ms the financing deadline, 1 s, passed before a loaded run's approver decided and left an escalation open).
/// The measurement, which needs M3 to fall due, is in <see cref="AgreementPageMeasurementTests"/>.
/// </summary>
public sealed class AgreementPageTests(HourDayHost host) : IClassFixture<HourDayHost>
{
    internal static string PagePath(string id) => $"/aftaler/{id}";

    [Fact]
    public async Task Consent_and_financing_from_the_page_each_person_seeing_their_own_step_and_the_reason_kept_in_the_vault()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(60), requestedDkk: 50_000m));
        using var caseworker = new PageClient(host.Api.BaseAddress!, PageForms.AarhusCaseworker);
        using var approver = new PageClient(host.Api.BaseAddress!, PageForms.AarhusFinanceApprover);

        var before = await ViewsAsync(id);
        using var consented = await caseworker.SubmitAsync(PagePath(id), PagePath(id) + "/samtykke", ("decision", "given"));
        var page = PageForms.Parse(await caseworker.FollowAsync(consented));
        Assert.Equal("Beboerens svar på samtykket er registreret.", page.QuerySelector("[role=status]")!.Text());
        Assert.Equal(before + 2, await ViewsAsync(id)); // the page before the post and the one after it: each view audited
        Assert.Empty(page.QuerySelectorAll("form[action$='/samtykke']"));

        // The same answer again is fine; another answer is refused with what stands.
        using var declined = await caseworker.SubmitAsync(PagePath(id), PagePath(id) + "/samtykke", ("decision", "declined"));
        await host.WaitForStatusAsync(id, "AwaitingFinancing");
        Assert.Contains(declined.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.OK });
        if (declined.StatusCode == HttpStatusCode.Conflict)
        {
            Assert.Contains("Der er allerede truffet en afgørelse: samtykket er givet", PageForms.Parse(await declined.Content.ReadAsStringAsync()).QuerySelector(".alert-error")!.Text(), StringComparison.Ordinal);
        }

        await host.WaitForAsync(id, a => a.Kinds().Contains("FinancingRequested"), "the financing request");
        var asCaseworker = PageForms.Parse(await (await caseworker.GetAsync(PagePath(id))).Content.ReadAsStringAsync());
        Assert.Equal("Afventer finansiering", asCaseworker.QuerySelector("dl.facts .badge")!.Text());
        Assert.Empty(asCaseworker.QuerySelectorAll("form[action$='/finansiering']"));
        Assert.NotEmpty(asCaseworker.QuerySelectorAll("form[action$='/annuller']"));
        Assert.NotEmpty(asCaseworker.QuerySelectorAll("form[action$='/tilbagetraek-samtykke']"));

        var viewsBeforeApprover = await ViewsAsync(id);
        var asApprover = PageForms.Parse(await (await approver.GetAsync(PagePath(id))).Content.ReadAsStringAsync());
        Assert.Single(asApprover.QuerySelectorAll("form"));
        Assert.NotNull(asApprover.QuerySelector("form[action$='/finansiering']"));
        Assert.Equal("Personoplysninger vises kun for sagsbehandlere i aftalens kommune.", asApprover.QuerySelector("#personal-data-heading + p")!.Text());
        Assert.DoesNotContain("010190", asApprover.Body!.Text(), StringComparison.Ordinal);
        Assert.Contains("Afgør ansøgning om finansiering (Bevillingsansvarlig)", asApprover.QuerySelector(".next-step")!.Text(), StringComparison.Ordinal);
        Assert.Equal("52.500 kr.", asApprover.QuerySelector("dl.business-case dd")!.Text());
        Assert.Equal(viewsBeforeApprover, await ViewsAsync(id));

        // More than requested: the error by the field, the form as sent.
        using var tooMuch = await approver.SubmitAsync(PagePath(id), PagePath(id) + "/finansiering", ("decision", "approved"), ("approvedDkk", "60.000"));
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        var errors = PageForms.Parse(await tooMuch.Content.ReadAsStringAsync());
        Assert.Equal("Fejl: Det godkendte beløb må ikke overstige det ansøgte beløb.", errors.GetElementById("field-financing-approvedDkk-error")!.Text());
        Assert.Equal("#field-financing-approvedDkk", errors.QuerySelector("[data-module=error-summary] a")!.GetAttribute("href"));
        Assert.Equal("60.000", errors.GetElementById("field-financing-approvedDkk")!.GetAttribute("value"));
        Assert.Null(await host.Services.GetRequiredService<IDecisionLog>().FindAsync(id, DecisionSubjects.Financing, CancellationToken.None));

        using var rejected = await approver.SubmitAsync(PagePath(id), PagePath(id) + "/finansiering", ("decision", "rejected"), ("reason", "Beboeren har fået indskud af kommunen."));
        Assert.Equal("Afgørelsen om finansiering er registreret.", PageForms.Parse(await approver.FollowAsync(rejected)).QuerySelector("[role=status]")!.Text());
        await host.WaitForStatusAsync(id, "Rejected");
        Assert.Equal("Beboeren har fået indskud af kommunen.", (await host.Services.GetRequiredService<IPersonalDataVault>().FindAsync(id, CancellationToken.None))!.FinancingDecisionReason);
        Assert.DoesNotContain("indskud af kommunen", string.Join('\n', host.EnginePayloads.Payloads), StringComparison.Ordinal);
        Assert.DoesNotContain("indskud af kommunen", string.Join('\n', host.Logs.Lines), StringComparison.Ordinal);

        var ended = PageForms.Parse(await (await caseworker.GetAsync(PagePath(id))).Content.ReadAsStringAsync());
        Assert.Equal("Finansiering afvist", ended.QuerySelector("dl.facts .badge")!.Text());
        Assert.Equal("Ingen – aftalen er afsluttet.", ended.QuerySelector(".next-step")!.Text());
        Assert.Empty(ended.QuerySelectorAll("form"));
        Assert.Contains("Begrundelse for afvist finansiering Beboeren har fået indskud af kommunen.", ended.QuerySelector("dl.personal-data")!.Text(), StringComparison.Ordinal);
        Assert.Contains("Finansieringen er afvist Bevillingsansvarlig", string.Join(" | ", ended.QuerySelectorAll(".timeline li").Select(li => li.Text())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_municipality_gets_the_403_page_unknown_ids_the_404_page_and_refused_posts_change_nothing()
    {
        var id = await host.UpToMoveAsync(AgreementForms.Today.AddDays(30));
        using var copenhagen = new PageClient(host.Api.BaseAddress!, PageForms.CopenhagenCaseworker);
        using var monitoring = new PageClient(host.Api.BaseAddress!, PageForms.Monitoring);
        using var aarhus = new PageClient(host.Api.BaseAddress!, PageForms.AarhusCaseworker);

        using var forbidden = await copenhagen.GetAsync(PagePath(id));
        using var unknown = await copenhagen.GetAsync("/aftaler/fa-00000000000000000000");
        using var malformed = await copenhagen.GetAsync("/aftaler/ikke-et-id");
        var token = PageClient.AntiforgeryToken(await (await copenhagen.GetAsync("/aftaler/ny")).Content.ReadAsStringAsync());
        using var forbiddenPost = await copenhagen.PostFormAsync(PagePath(id) + "/flytning", [new("movedOn", PageForms.Date(AgreementForms.Today)), new("__RequestVerificationToken", token)]);
        using var withoutToken = await aarhus.PostFormAsync(PagePath(id) + "/flytning", [new("movedOn", PageForms.Date(AgreementForms.Today))]);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var forbiddenPage = await forbidden.Content.ReadAsStringAsync();
        Assert.Contains("Du har ikke adgang", forbiddenPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Gellerupparken", forbiddenPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Flytteaftalen findes ikke", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbiddenPost.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        // The monitoring unit reads the agreement, without personal data or steps; its post is refused on the page.
        var viewsBefore = await ViewsAsync(id);
        using var read = await monitoring.GetAsync(PagePath(id));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var page = PageForms.Parse(await read.Content.ReadAsStringAsync());
        Assert.Empty(page.QuerySelectorAll("form"));
        Assert.DoesNotContain(AgreementForms.ResidentName, page.Body!.Text(), StringComparison.Ordinal);
        Assert.Equal("Afventer flytning", page.QuerySelector("dl.facts .badge")!.Text());
        var monitoringToken = PageClient.AntiforgeryToken(await (await monitoring.GetAsync("/log-ind")).Content.ReadAsStringAsync()); // the agreement page offers them no form
        using var refused = await monitoring.PostFormAsync(PagePath(id) + "/flytning", [new("movedOn", PageForms.Date(AgreementForms.Today)), new("__RequestVerificationToken", monitoringToken)]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Handlingen kræver rollen sagsbehandler i aftalens kommune.", PageForms.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector(".alert-error")!.Text(), StringComparison.Ordinal);
        Assert.Equal(viewsBefore, await ViewsAsync(id));

        Assert.Null(await host.Services.GetRequiredService<IDecisionLog>().FindAsync(id, DecisionSubjects.Move, CancellationToken.None));
        Assert.Equal("AwaitingMove", (await host.GetAsync(id)).Text("status"));
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
    }

    [Fact]
    public async Task A_withdrawal_from_the_page_stops_the_agreement_and_erases_the_personal_data()
    {
        var id = await host.UpToMoveAsync(AgreementForms.Today.AddDays(30));
        using var caseworker = new PageClient(host.Api.BaseAddress!, PageForms.AarhusCaseworker);

        using var withdrawn = await caseworker.SubmitAsync(PagePath(id), PagePath(id) + "/tilbagetraek-samtykke");
        Assert.Equal("Tilbagetrækningen af samtykket er registreret. Aftalen stoppes, og personoplysningerne slettes.", PageForms.Parse(await caseworker.FollowAsync(withdrawn)).QuerySelector("[role=status]")!.Text());
        await host.WaitForStatusAsync(id, "ConsentWithdrawn");
        await Eventually.WaitForAsync(() => host.Services.GetRequiredService<IPersonalDataVault>().FindAsync(id, CancellationToken.None), data => data is null, "the erasure");

        var page = PageForms.Parse(await (await caseworker.GetAsync(PagePath(id))).Content.ReadAsStringAsync());
        Assert.Equal("Samtykke trukket tilbage", page.QuerySelector("dl.facts .badge")!.Text());
        Assert.StartsWith("Der er ingen personoplysninger om aftalen.", page.QuerySelector("#personal-data-heading + p")!.Text(), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("form"));
    }

    [Fact]
    public async Task The_json_api_requires_a_reason_with_every_decision_and_keeps_it_with_the_personal_data()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(60), requestedDkk: 50_000m));
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForAsync(id, a => a.Kinds().Contains("FinancingRequested"), "the financing request");

        foreach (var decision in new[] { "approved", "rejected" })
        {
            using var withoutReason = await host.PostAsync($"/api/agreements/{id}/financing", new System.Text.Json.Nodes.JsonObject { ["decision"] = decision, ["reason"] = "  " });
            Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
            Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(await withoutReason.Content.ReadAsStringAsync())!["errors"]!["reason"]);
        }

        Assert.Null(await host.Services.GetRequiredService<IDecisionLog>().FindAsync(id, DecisionSubjects.Financing, CancellationToken.None));
        await host.StepAsync(id, "financing", new System.Text.Json.Nodes.JsonObject { ["decision"] = "rejected", ["reason"] = "For dyrt i forhold til gevinsten." });
        await host.WaitForStatusAsync(id, "Rejected");
        using var personal = await host.Api.GetAsync(new Uri($"/api/agreements/{id}/personal-data", UriKind.Relative));
        Assert.Equal("For dyrt i forhold til gevinsten.", System.Text.Json.Nodes.JsonNode.Parse(await personal.Content.ReadAsStringAsync()).Text("financingDecisionReason"));
    }

    private async Task<int> ViewsAsync(string id) =>
        (await host.Services.GetRequiredService<IAuditLog>().ListAsync(DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None))
            .Count(entry => entry.AgreementId == id && entry.Action == AuditAction.ViewedPersonalData);
}
