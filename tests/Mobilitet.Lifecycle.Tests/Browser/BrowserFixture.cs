using Microsoft.Playwright;

namespace Mobilitet.Lifecycle.Tests.Browser;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium, installed by .ci/run; Playwright's own browser download is not used)
/// launched once per test class: starting a browser costs more than a context, so tests open contexts on it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>
    /// How long an <c>Expect</c> polls before it fails. Playwright's 5 s is too short on the shared CI machine: a form
    /// post without JavaScript answered in about 5 s there, and the failure's snapshot caught the answer half-parsed
    /// (stop 36). As long as an action's own default; a passing expectation returns as soon as it holds.
    /// </summary>
    public static readonly TimeSpan ExpectTimeout = TimeSpan.FromSeconds(30);

    private IPlaywright? playwright;

    static BrowserFixture() => Assertions.SetDefaultExpectTimeout((float)ExpectTimeout.TotalMilliseconds);

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        Chromium = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser profile (no cookies) on the host, in Danish, at a laptop's size unless told otherwise.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseAddress, bool javaScript = true, int width = 1280, int height = 900)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        return Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "da-DK",
            TimezoneId = "Europe/Copenhagen",
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
    }

    /// <summary>A fresh profile with one page open.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, bool javaScript = true, int width = 1280, int height = 900)
    {
        var context = await NewContextAsync(baseAddress, javaScript, width, height);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
