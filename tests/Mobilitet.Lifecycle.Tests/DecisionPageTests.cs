using Microsoft.Extensions.DependencyInjection;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>A supervisor decides from the email link, in a real (headless) Chromium.</summary>
public sealed class DecisionPageTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Fact]
    public async Task A_supervisor_opens_the_email_link_chooses_a_decision_and_the_escalation_records_it()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(60), requestedDkk: 50_000m));
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        var emails = await host.WaitForEmailsAsync(id, e => e.Any(x => x.Is("EscalationRaised")), "the escalation email");
        var link = System.Text.RegularExpressions.Regex.Match(emails.First(e => e.Is("EscalationRaised")).Text, @"http://mobilitet\.test(?<path>/api/escalations/\S+)").Groups["path"].Value;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { BaseURL = host.Api.BaseAddress!.ToString(), Locale = "da-DK" });

        await page.GotoAsync(link);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Eskalering af flytteaftale" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Finansieringen er ikke afgjort inden fristen")).ToBeVisibleAsync();
        var accessibility = await page.RunAxe();
        Assert.Empty(accessibility.Violations.Select(v => $"{v.Id}: {v.Help}"));

        await page.GetByLabel("Følges op").CheckAsync();
        await page.GetByLabel("Bemærkning (valgfri)").FillAsync("Finansieringsteamet ringer i morgen.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send beslutning" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Tak. Beslutningen er registreret.");
        var decided = await host.WaitForAsync(id, a => a.Array("escalations")[0].Text("status") == "Decided", "the decision from the page");
        var escalation = decided.Array("escalations")[0];
        Assert.Equal("follow-up", escalation.Text("decision"));
        Assert.Null(escalation!["note"]); // personal data: in the vault, not in the API
        Assert.Equal("Finansieringsteamet ringer i morgen.", await host.Services.GetRequiredService<Mobilitet.Workflows.PersonalData.IPersonalDataVault>().FindEscalationNoteAsync(id, escalation.Text("escalationId"), CancellationToken.None));
        Assert.StartsWith("supervisor-level-", escalation.Text("decidedBy"), StringComparison.Ordinal);

        // The same link again: the escalation is closed, the page says so and offers no form.
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByText("Eskaleringen er afsluttet: Følges op.", new() { Exact = false })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("form").CountAsync());

        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }
}
