using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Identity;
using Xunit.Abstractions;

namespace Mobilitet.Lifecycle.Tests.Browser;

/// <summary>
/// Every page of the UI, as the people it is for see it, passes axe (no serious or critical violation) and is saved as
/// a screenshot (TestResults/screenshots/&lt;page&gt;.png): at a laptop's size, and the front page and an agreement also
/// on a tablet held upright (768×1024). The agreement behind them waits for a financing decision that is overdue and
/// escalated, so Mine opgaver, Finansiering, Eskaleringer and the emailed decision page all have something to show —
/// which takes policy days of 100 ms (<see cref="TenthSecondDayHost"/>): the timers are meant to fire here.
/// Every page is checked even when an earlier one fails; the test then lists them all.
/// </summary>
[WaitsMinutes]
public sealed class EveryPageTests(TenthSecondDayHost host, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<TenthSecondDayHost>, IClassFixture<BrowserFixture>
{
    private readonly List<string> failures = [];

    [Fact]
    public async Task Every_page_passes_axe_and_is_saved_as_a_screenshot_on_a_laptop_and_the_main_ones_on_a_tablet()
    {
        var (id, decisionLink) = await EscalatedAgreementAsync();

        // Signed out: the sign-in page (every other page sends you there).
        var visitor = await browser.NewPageAsync(host.Api.BaseAddress!);
        await VisitAsync(visitor, "/aftaler", "log-ind", "Log ind (udviklingsmiljø)");
        Assert.Contains("/log-ind?returnUrl=%2Faftaler", visitor.Url, StringComparison.Ordinal);

        // The emailed decision page needs no sign-in: its link's token authorizes.
        await VisitAsync(visitor, decisionLink, "decision", "Eskalering af flytteaftale");
        await visitor.Context.CloseAsync();

        // A person in Aarhus with every role that has tasks sees every working page.
        var worker = await browser.NewPageAsync(host.Api.BaseAddress!);
        await worker.SignInAsync("Alma Alle-Roller", "0751", Roles.Caseworker, Roles.FinanceApprover, Roles.Supervisor);
        await VisitAsync(worker, "/", "mine-opgaver", "Mine opgaver", worker.GetByRole(AriaRole.Row).Filter(new() { HasText = id }).First);
        await PageChecks.ViewportScreenshotAsync(worker, "readme-mine-opgaver", output);
        await VisitAsync(worker, "/aftaler", "aftaler", "Aftaler", worker.GetByRole(AriaRole.Link, new() { Name = id, Exact = true }));
        await VisitAsync(worker, "/aftaler/ny", "aftaler-ny", "Ny flytteaftale");
        await worker.GetByRole(AriaRole.Button, new() { Name = "Opret flytteaftale" }).ClickAsync();
        await Check(worker, "aftaler-ny-fejl", worker.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Der er problemer" }));
        await VisitAsync(worker, "/aftaler/" + id, "aftale", "Flytteaftale", worker.Locator("dl.personal-data"));
        await VisitAsync(worker, "/finansiering", "finansiering", "Finansiering", worker.GetByRole(AriaRole.Heading, new() { Name = "Flytteaftale " + id }));
        await VisitAsync(worker, "/eskaleringer", "eskaleringer", "Eskaleringer", worker.GetByRole(AriaRole.Link, new() { Name = id, Exact = true }).First);
        await VisitAsync(worker, "/portefoelje", "portefoelje", "Portefølje", worker.GetByRole(AriaRole.Link, new() { Name = "Hent som CSV" }));
        await VisitAsync(worker, "/aftaler/fa-00000000000000000000", "404", "Flytteaftalen findes ikke", expectedStatus: HttpStatusCode.NotFound);

        // The same person on a tablet held upright.
        await worker.SetViewportSizeAsync(768, 1024);
        await VisitAsync(worker, "/", "mine-opgaver-tablet", "Mine opgaver", worker.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { Name = "Eskaleringer" }));
        await VisitAsync(worker, "/aftaler/" + id, "aftale-tablet", "Flytteaftale", worker.Locator("dl.personal-data"));
        await worker.Context.CloseAsync();

        // An administrator reads the audit log, which now holds the views of the personal data above.
        var administrator = await browser.NewPageAsync(host.Api.BaseAddress!);
        await administrator.SignInAsync("Ane Administrator", null, Roles.Administrator);
        await VisitAsync(administrator, "/revision", "revision", "Revision", administrator.GetByText(id).First);
        await administrator.Context.CloseAsync();

        // A caseworker of another municipality gets the 403 page.
        var copenhagen = await browser.NewPageAsync(host.Api.BaseAddress!);
        await copenhagen.SignInAsync("Kim København", "0101", Roles.Caseworker);
        await VisitAsync(copenhagen, "/aftaler/" + id, "403", "Du har ikke adgang", expectedStatus: HttpStatusCode.Forbidden);
        await copenhagen.Context.CloseAsync();

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
    }

    /// <summary>Opens the page, checks its status, main heading and one thing it must show, then screenshot and axe.</summary>
    private async Task VisitAsync(IPage page, string path, string name, string heading, ILocator? shows = null, HttpStatusCode expectedStatus = HttpStatusCode.OK)
    {
        try
        {
            var response = await page.GotoAsync(path);
            Assert.Equal((int)expectedStatus, response!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^" + Regex.Escape(heading)));
        }
        catch (Exception failure) when (failure is Xunit.Sdk.XunitException or PlaywrightException)
        {
            failures.Add($"{name} ({path}): {failure.Message}");
            return;
        }

        await Check(page, name, shows);
    }

    private async Task Check(IPage page, string name, ILocator? shows)
    {
        try
        {
            if (shows is not null)
            {
                await Assertions.Expect(shows).ToBeVisibleAsync();
            }

            await PageChecks.CheckAsync(page, name, output);
        }
        catch (Exception failure) when (failure is Xunit.Sdk.XunitException or PlaywrightException)
        {
            failures.Add($"{name}: {failure.Message}");
        }
    }

    /// <summary>An agreement whose financing decision is overdue (escalated), and the path of the decision link in the escalation email.</summary>
    private async Task<(string Id, string Link)> EscalatedAgreementAsync()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(60), requestedDkk: 50_000m, policy: TestPolicies.UnhurriedConsent.Name));
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        var emails = await host.WaitForEmailsAsync(id, e => e.Any(x => x.Is("EscalationRaised")), "the escalation email");
        var link = await host.Services.RenewedDecisionLinkAsync(emails.First(e => e.Is("EscalationRaised")));
        Assert.NotEmpty(link);
        await host.WaitForTasksAsync(id, tasks => tasks.Any(task => task.Kind == Mobilitet.Workflows.Tasks.TaskKind.EscalationToDecide), "the escalation on the supervisors' board");
        return (id, link);
    }
}
