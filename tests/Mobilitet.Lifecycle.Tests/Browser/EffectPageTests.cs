using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Workflows.Identity;
using Xunit.Abstractions;

namespace Mobilitet.Lifecycle.Tests.Browser;

/// <summary>
/// "Effekt" in headless Chromium for the monitoring unit in Aarhus (<see cref="EffectSamples"/>): with JavaScript the
/// charts are drawn from the page's own numbers with nothing blocked or logged as an error; without it the tables are
/// all there and the charts are not shown. Both pass axe. Policy days are real days: no timer runs.
/// </summary>
public sealed class EffectPageTests(RealDayHost host, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<RealDayHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_monitoring_unit_sees_charts_drawn_from_the_tables_numbers_and_the_tables_without_javascript()
    {
        await EffectSamples.SeedAsync(host.Services);

        var page = await browser.NewPageAsync(host.Api.BaseAddress!);
        await page.SignInAsync("Mona Monitorering", "0751", Roles.Monitoring);
        var problems = page.CollectProblems();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).GetByRole(AriaRole.Link, new() { Name = "Effekt" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/effekt$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Effekt");

        // Eight canvases (two per grouping), each with a Chart.js chart of three milestones.
        await page.WaitForFunctionAsync(
            "() => { const canvases = [...document.querySelectorAll('canvas[data-chart]')]; return canvases.length === 8 && canvases.every(c => window.Chart && window.Chart.getChart(c)); }");
        var datasets = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('canvas[data-chart]')].map(c => window.Chart.getChart(c).data.datasets.length)");
        Assert.All(datasets, count => Assert.Equal(3, count));
        await Assertions.Expect(page.Locator("table[data-table=effect-housingarea-status] tbody tr").First).ToContainTextAsync("<5");
        await PageChecks.CheckAsync(page, "effekt", output);
        Assert.Empty(problems);
        await page.Context.CloseAsync();

        var withoutScript = await browser.NewPageAsync(host.Api.BaseAddress!, javaScript: false);
        await withoutScript.SignInAsync("Mona Monitorering", "0751", Roles.Monitoring);
        await withoutScript.GotoAsync("/effekt?retning=out");
        await Assertions.Expect(withoutScript.Locator("[data-effect-chart]").First).ToBeHiddenAsync();
        await Assertions.Expect(withoutScript.GetByRole(AriaRole.Table)).ToHaveCountAsync(6); // kommune, boligområde, startkohorte: two each
        await PageChecks.CheckAsync(withoutScript, "effekt-uden-javascript", output);
        await withoutScript.Context.CloseAsync();
    }
}
