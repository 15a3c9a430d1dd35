using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Hosting.WellBeing;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.WellBeing;
using Xunit.Abstractions;

namespace Mobilitet.Lifecycle.Tests.Browser;

/// <summary>The resident's check-in page in headless Chromium without JavaScript: axe on the form and on the thanks.</summary>
public sealed class CheckInPageBrowserTests(TenthSecondDayHost host, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<TenthSecondDayHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_resident_answers_the_check_in_without_javascript_and_each_state_passes_axe()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        await host.Services.GetRequiredService<ICheckInStore>().InviteAsync(new CheckIn(id, Milestone.M3, DateTimeOffset.UtcNow, expires), CancellationToken.None);
        var link = await host.Services.GetRequiredService<CheckInLinks>().CreateAsync(id, Milestone.M3, expires, CancellationToken.None);
        var page = await browser.NewPageAsync(host.Api.BaseAddress!, javaScript: false);

        await page.GotoAsync(link.PathAndQuery);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hvordan har du det i din nye bolig?");
        await PageChecks.CheckAsync(page, "trivsel-uden-js", output);

        await page.GetByLabel("4 – Godt").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Tak for dit svar")).ToBeVisibleAsync();
        await PageChecks.CheckAsync(page, "trivsel-tak-uden-js", output);
        Assert.Equal(4, (await host.Services.GetRequiredService<ICheckInStore>().FindAsync(id, Milestone.M3, CancellationToken.None))!.Score);
        await page.Context.CloseAsync();
    }
}
