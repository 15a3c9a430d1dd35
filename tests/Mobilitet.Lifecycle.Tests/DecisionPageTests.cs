using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Mobilitet.Lifecycle.Tests.Browser;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Xunit.Abstractions;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// A supervisor decides from the email link in a real (headless) Chromium with JavaScript turned off:
/// the page is a plain form that posts, redirects and shows the result. Each state is checked with axe
/// and saved as a screenshot under the test output folder (TestResults/screenshots/).
/// </summary>
public sealed class DecisionPageTests(TenthSecondDayHost host, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<TenthSecondDayHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_supervisor_without_javascript_opens_the_email_link_decides_and_the_escalation_records_it()
    {
        var (id, link) = await EscalatedAgreementAsync();
        var context = await browser.NewContextAsync(host.Api.BaseAddress!, javaScript: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync(link);

        await Assertions.Expect(page).ToHaveTitleAsync("Eskalering – beslutning – Flytteaftaler – Mobilitetsenheden");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Eskalering af flytteaftale" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Finansieringen er ikke afgjort inden fristen")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("dl.facts .badge")).ToContainTextAsync("Afventer beslutning"); // the level's deadline may have passed meanwhile
        foreach (var label in new[] { "Taget til efterretning", "Følges op", "Forlæng opfølgningen", "Luk sagen" })
        {
            await Assertions.Expect(page.GetByLabel(label, new() { Exact = true })).ToBeVisibleAsync();
        }

        await CheckAsync(page, "decision-1-form");

        // The same page on a tablet held upright.
        await page.SetViewportSizeAsync(768, 1024);
        await CheckAsync(page, "decision-1-form-tablet");
        await page.SetViewportSizeAsync(1280, 900);

        // A link whose token was tampered with: no form.
        await page.GotoAsync(link[..link.IndexOf("token=", StringComparison.Ordinal)] + "token=1.forged");
        await Assertions.Expect(page.GetByText("Linket er ugyldigt eller hører til en anden eskalering.", new() { Exact = false })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("form").CountAsync());
        await CheckAsync(page, "decision-2-invalid-link");
        await page.GotoAsync(link);

        // Sent without a decision: the form comes back with the error by the field and in the summary, the note kept.
        await page.GetByLabel("Bemærkning (valgfri)").FillAsync("Finansieringsteamet ringer i morgen.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send beslutning" }).ClickAsync();

        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Fejl: "));
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Der er problemer" });
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Feltet skal udfyldes." })).ToHaveAttributeAsync("href", "#field-decision");
        await Assertions.Expect(page.Locator("#field-decision-error")).ToHaveTextAsync("Fejl: Feltet skal udfyldes.");
        await Assertions.Expect(page.GetByLabel("Følges op", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Bemærkning (valgfri)")).ToHaveValueAsync("Finansieringsteamet ringer i morgen.");
        await CheckAsync(page, "decision-3-missing-decision");

        // Chosen and sent: redirected back to the link with the message, and the escalation now closed.
        await page.GetByLabel("Følges op", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send beslutning" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Tak. Beslutningen er registreret.");
        Assert.EndsWith(link, page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("der er truffet en beslutning med det: Følges op.", new() { Exact = false })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("form").CountAsync());
        await CheckAsync(page, "decision-4-recorded");

        var decided = await host.WaitForAsync(id, a => a.Array("escalations")[0].Text("status") == "Decided", "the decision from the page");
        var escalation = decided.Array("escalations")[0];
        Assert.Equal("follow-up", escalation.Text("decision"));
        Assert.Null(escalation!["note"]); // personal data: in the vault, not in the API
        Assert.Equal("Finansieringsteamet ringer i morgen.", await host.Services.GetRequiredService<Mobilitet.Workflows.PersonalData.IPersonalDataVault>().FindEscalationNoteAsync(id, escalation.Text("escalationId"), CancellationToken.None));
        Assert.StartsWith("supervisor-level-", escalation.Text("decidedBy"), StringComparison.Ordinal);

        // Nobody signed in: the audit log names the link's recipient by its keyed hash (never the address), in the level's role.
        var audited = (await host.Services.GetRequiredService<Mobilitet.Workflows.Audit.IAuditLog>().ListAsync(DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None))
            .Single(entry => entry.AgreementId == id && entry.Action == Mobilitet.Workflows.Audit.AuditAction.EscalationDecided);
        Assert.StartsWith("email-link:", audited.UserId, StringComparison.Ordinal);
        Assert.DoesNotContain("@", audited.UserId, StringComparison.Ordinal);
        Assert.Equal([escalation.Text("decidedBy")], audited.Roles);
        Assert.Equal($"subject={escalation.Text("escalationId")};decision=follow-up;note=yes", audited.Detail);

        // The same link again: it worked once; the page says so, points to the web UI and offers no form; the message is gone.
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Linket er allerede brugt" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Eskaleringer", Exact = true }).Last).ToHaveAttributeAsync("href", "/eskaleringer");
        Assert.Equal(0, await page.Locator("form").CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Status).CountAsync());
        await CheckAsync(page, "decision-5-used");

        await context.CloseAsync();
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    [Fact]
    public async Task Of_two_posts_with_one_link_one_decision_is_recorded_and_the_other_gets_the_used_page()
    {
        var (id, link) = await EscalatedAgreementAsync();
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);
        var path = link[..link.IndexOf('?', StringComparison.Ordinal)];
        using var first = new PageClient(host.Api.BaseAddress!);
        using var second = new PageClient(host.Api.BaseAddress!);
        var forms = await Task.WhenAll(new[] { first, second }.Select(async client =>
            PageClient.AntiforgeryToken(await (await client.GetAsync(link)).Content.ReadAsStringAsync())));

        var responses = await Task.WhenAll(
            first.PostFormAsync(path, Fields(("decision", "follow-up"), ("token", token), ("__RequestVerificationToken", forms[0]))),
            second.PostFormAsync(path, Fields(("decision", "close"), ("token", token), ("__RequestVerificationToken", forms[1]))));

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.Conflict], responses.Select(response => response.StatusCode).Order());
        var loser = responses.Single(response => response.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains("Linket er allerede brugt", await loser.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var winner = responses[0].StatusCode == HttpStatusCode.SeeOther ? "follow-up" : "close";
        var decided = await host.WaitForAsync(id, a => a.Array("escalations")[0].Text("status") == "Decided", "the one decision");
        Assert.Equal(winner, decided.Array("escalations")[0].Text("decision"));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    [Fact]
    public async Task Without_javascript_an_expired_link_and_someone_elses_link_get_their_own_pages_pointing_to_the_web_ui()
    {
        var agreementId = await host.StoreWithoutOrchestrationAsync();
        var escalationId = Mobilitet.Workflows.Escalations.EscalationIds.For(agreementId, "move");
        await host.Services.GetRequiredService<Mobilitet.Workflows.Escalations.IEscalationRepository>().SaveAsync(
            new Mobilitet.Workflows.Escalations.EscalationRecord
            {
                EscalationId = escalationId,
                AgreementId = agreementId,
                Reason = Mobilitet.Workflows.Escalations.EscalationReason.MoveOverdue,
                Subject = "move",
                Level = 1,
                Status = Mobilitet.Workflows.Escalations.EscalationStatus.Open,
                RaisedAt = DateTimeOffset.UtcNow.AddDays(-10),
                LevelDeadline = DateTimeOffset.UtcNow.AddDays(-5),
            },
            CancellationToken.None);
        var expired = await DecisionFormTests.LinkTokenAsync(host, escalationId, DateTimeOffset.UtcNow.AddSeconds(-1));
        var valid = await DecisionFormTests.LinkTokenAsync(host, escalationId, DateTimeOffset.UtcNow.AddDays(1));
        var page = await browser.NewPageAsync(host.Api.BaseAddress!, javaScript: false);

        await page.GotoAsync($"/api/escalations/{escalationId}/decide?token={Uri.EscapeDataString(expired)}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Linket er udløbet" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("form").CountAsync());
        await CheckAsync(page, "decision-7-expired-link");

        // Signed in to the web UI as another supervisor than the one the email went to.
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string>
        {
            [Mobilitet.Workflows.Hosting.Identity.ClientPrincipal.HeaderName] = Mobilitet.Workflows.Hosting.Identity.ClientPrincipal.Write(
                "oid-tilsyn2", "Tilsyn To", [Mobilitet.Workflows.Identity.Roles.Supervisor], ["0751"], email: AgreementForms.Supervisor2),
        });
        await page.GotoAsync($"/api/escalations/{escalationId}/decide?token={Uri.EscapeDataString(valid)}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Linket er sendt til en anden" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Eskaleringer", Exact = true }).Last).ToHaveAttributeAsync("href", "/eskaleringer");
        Assert.Equal(0, await page.Locator("form").CountAsync());
        await CheckAsync(page, "decision-8-someone-elses-link");
        await page.Context.CloseAsync();

        Assert.Null(await host.Services.GetRequiredService<Mobilitet.Workflows.Decisions.IDecisionLog>().FindAsync(agreementId, escalationId, CancellationToken.None));
    }

    [Fact]
    public async Task With_javascript_the_page_loads_its_scripts_within_the_content_security_policy()
    {
        var (id, link) = await EscalatedAgreementAsync();
        var page = await browser.NewPageAsync(host.Api.BaseAddress!);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        var failed = new List<string>();
        page.RequestFailed += (_, request) => failed.Add(request.Url);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync(link, new() { WaitUntil = WaitUntilState.NetworkIdle });

        await page.EvaluateAsync("() => document.fonts.ready");
        Assert.Empty(failed);
        Assert.Empty(problems);
        Assert.Equal("object object", await page.EvaluateAsync<string>("() => typeof window.DKFDS + ' ' + typeof window.htmx"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('js-enabled')"));
        Assert.True(
            await page.EvaluateAsync<bool>("() => [...document.fonts].some(font => font.family.includes('IBM Plex Sans') && font.status === 'loaded')"),
            await page.EvaluateAsync<string>("() => [...document.fonts].map(font => font.family + ' ' + font.weight + ' ' + font.status).join('; ')"));
        await CheckAsync(page, "decision-6-form-with-javascript");
        await page.Context.CloseAsync();

        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    /// <summary>An agreement whose financing decision is overdue, and the path of the decision link in its escalation email.</summary>
    private async Task<(string Id, string Link)> EscalatedAgreementAsync()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(60), requestedDkk: 50_000m, policy: TestPolicies.UnhurriedConsent.Name));
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        var emails = await host.WaitForEmailsAsync(id, e => e.Any(x => x.Is("EscalationRaised")), "the escalation email");
        var link = await host.Services.RenewedDecisionLinkAsync(emails.First(e => e.Is("EscalationRaised")));
        Assert.NotEmpty(link);
        return (id, link);
    }

    private static IEnumerable<KeyValuePair<string, string>> Fields(params (string Name, string Value)[] fields) =>
        fields.Select(field => KeyValuePair.Create(field.Name, field.Value));

    private Task CheckAsync(IPage page, string name) => PageChecks.CheckAsync(page, name, output);
}
