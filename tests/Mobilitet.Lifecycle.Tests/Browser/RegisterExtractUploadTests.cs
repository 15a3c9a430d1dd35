using System.Text;
using Microsoft.Playwright;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Registers;
using Xunit.Abstractions;

namespace Mobilitet.Lifecycle.Tests.Browser;

/// <summary>
/// The upload page in headless Chromium, with and without JavaScript: a person of the monitoring unit chooses a file,
/// sends it and reads the report; a send without a file comes back with the error by the field. Axe on each state,
/// screenshots beside the others'; with JavaScript no console error and no blocked request.
/// </summary>
public sealed class RegisterExtractUploadTests(TenthSecondDayHost host, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<TenthSecondDayHost>, IClassFixture<BrowserFixture>
{
    private static FilePayload File(string month) => new()
    {
        Name = $"udtraek-{month}.csv",
        MimeType = "text/csv",
        Buffer = Encoding.UTF8.GetBytes(string.Join(
            "\n",
            ExtractParser.AmountsHeader,
            $"{AgreementForms.ResidentCpr};2027-{month}-01;2027-{month}-28;0;4,43;0;0;10000",
            $"3112994321;2026-{month}-01;2026-{month}-28;0;4,43;0;0;-5")),
    };

    [Theory]
    [InlineData(true, "11")]
    [InlineData(false, "12")]
    public async Task A_file_chosen_and_sent_is_imported_and_its_report_shown_and_a_send_without_a_file_says_why(bool javaScript, string month)
    {
        var page = await browser.NewPageAsync(host.Api.BaseAddress!, javaScript);
        var problems = page.CollectProblems();
        var suffix = javaScript ? string.Empty : "-uden-js";
        await page.SignInAsync("Mona Monitorering", "0751", Roles.Monitoring);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { Name = "Registerudtræk" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Registerudtræk");
        await PageChecks.CheckAsync(page, "registerudtraek" + suffix, output);

        await page.GetByRole(AriaRole.Button, new() { Name = "Indlæs fil" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Der er problemer" })).ToContainTextAsync("Vælg en CSV-fil");
        await PageChecks.CheckAsync(page, "registerudtraek-fejl" + suffix, output);

        await page.GetByLabel("Fil", new() { Exact = true }).SetInputFilesAsync(File(month));
        await page.GetByRole(AriaRole.Button, new() { Name = "Indlæs fil" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Rapport for registerudtræk");
        await page.ExpectNoticeAsync("Registerudtrækket er indlæst. Rapporten står nedenfor.");
        await Assertions.Expect(page.Locator("td[data-title=Felt]")).ToHaveTextAsync("taxPaidDkk");
        await PageChecks.CheckAsync(page, "registerudtraek-rapport" + suffix, output);

        await page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til registerudtræk" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Se rapport" }).First).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        if (javaScript)
        {
            Assert.Empty(problems);
        }
    }
}
