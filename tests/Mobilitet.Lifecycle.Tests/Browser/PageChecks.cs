using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Mobilitet.Lifecycle.Tests.Browser;

/// <summary>What every browser test does to a page it reaches: a screenshot under the test output and an axe check.</summary>
public static class PageChecks
{
    /// <summary>TestResults/screenshots/ beside the test assembly (bin/Debug/net10.0/…).</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>
    /// Saves a full-page screenshot as <paramref name="name"/>.png and fails on any serious or critical accessibility
    /// violation (axe). axe is a script, so it runs in a second page with JavaScript that is handed the very HTML this
    /// page shows, at the same address (the style sheets, fonts and icons load as they do here): that works for pages
    /// opened without JavaScript too, and the page under test keeps its state.
    /// </summary>
    public static async Task CheckAsync(IPage page, string name, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(output);
        Directory.CreateDirectory(Screenshots);
        var file = Path.Combine(Screenshots, name + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        output.WriteLine($"Screenshot: {file}");

        var html = await page.ContentAsync();
        var url = page.Url;
        var axeContext = await page.Context.Browser!.NewContextAsync(new()
        {
            Locale = "da-DK",
            ViewportSize = page.ViewportSize is { } size ? new ViewportSize { Width = size.Width, Height = size.Height } : null,
        });
        try
        {
            var axePage = await axeContext.NewPageAsync();
            await axePage.RouteAsync(url, route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = html }));
            await axePage.GotoAsync(url, new() { WaitUntil = WaitUntilState.NetworkIdle });
            var result = await axePage.RunAxe();
            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            foreach (var minor in result.Violations.Except(serious))
            {
                output.WriteLine($"axe ({minor.Impact}) on {name}: {minor.Id}: {minor.Help}");
            }

            Assert.True(
                serious.Count == 0,
                $"{name}:\n{string.Join('\n', serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}"))}");
        }
        finally
        {
            await axeContext.CloseAsync();
        }
    }

    /// <summary>A screenshot of what is in the viewport only (small enough for the README).</summary>
    public static async Task ViewportScreenshotAsync(IPage page, string name, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(output);
        Directory.CreateDirectory(Screenshots);
        var file = Path.Combine(Screenshots, name + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = false });
        output.WriteLine($"Screenshot: {file}");
    }
}
