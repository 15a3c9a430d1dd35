using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Identity;
using Xunit.Abstractions;

namespace Mobilitet.Lifecycle.Tests.Browser;

/// <summary>
/// The main forms in a browser with JavaScript turned off — the sign-in, *Ny flytteaftale* (sent back with an error
/// first) and consent on *Aftale*: each is a plain POST answered with a redirect (303) to a page the browser GETs.
/// Policy days are real days (<see cref="RealDayHost"/>): nothing but these forms changes the agreement.
/// </summary>
public sealed class WithoutJavaScriptTests(RealDayHost host, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<RealDayHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Creating_an_agreement_and_recording_consent_work_as_posts_that_redirect()
    {
        var page = await browser.NewPageAsync(host.Api.BaseAddress!, javaScript: false);
        var exchanges = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document")
            {
                exchanges.Add($"{response.Request.Method} {new Uri(response.Url).AbsolutePath} {response.Status}");
            }
        };
        await page.SignInAsync("Søren Sagsbehandler", "0751", Roles.Caseworker);
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('js-enabled')"));

        // Sent with a field missing: the same address answers 400 with the form, the error by the field and in the summary.
        await page.GotoAsync("/aftaler/ny");
        var form = page.Locator("form.agreement-form");
        await form.FillNewAgreementAsync(cpr: "010190-1234");
        await form.Field("Boligselskab").FillAsync(string.Empty);
        exchanges.Clear();
        await form.GetByRole(AriaRole.Button, new() { Name = "Opret flytteaftale" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Fejl: Ny flytteaftale"));
        Assert.Equal(["POST /aftaler/ny 400"], exchanges);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link, new() { Name = "Feltet skal udfyldes." })).ToHaveAttributeAsync("href", "#field-housingAssociation");
        await Assertions.Expect(page.Locator("#field-housingAssociation-error")).ToHaveTextAsync("Fejl: Feltet skal udfyldes.");
        await Assertions.Expect(form.Field("CPR-nummer")).ToHaveValueAsync("010190-1234");
        await PageChecks.CheckAsync(page, "nojs-1-new-agreement-error", output);

        // Corrected: 303 to the new agreement, which the browser GETs; the message is shown once.
        await form.Field("Boligselskab").FillAsync("Brabrand Boligforening");
        exchanges.Clear();
        await form.GetByRole(AriaRole.Button, new() { Name = "Opret flytteaftale" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/aftaler/fa-[a-z0-9]+$"));
        var path = new Uri(page.Url).AbsolutePath;
        Assert.Equal(["POST /aftaler/ny 303", $"GET {path} 200"], exchanges);
        await page.ExpectNoticeAsync("Flytteaftalen er oprettet. Beboeren får besked om at give samtykke.");
        await Assertions.Expect(page.Locator("dl.personal-data")).ToContainTextAsync("010190-xxxx");
        await PageChecks.CheckAsync(page, "nojs-2-agreement-created", output);

        // Consent: 303 back to the agreement; the consent form is gone once the answer stands.
        var consent = page.StepForm("Samtykke");
        await consent.Field("Samtykke givet").CheckAsync();
        exchanges.Clear();
        await consent.GetByRole(AriaRole.Button, new() { Name = "Registrér svar" }).ClickAsync();
        await page.ExpectNoticeAsync("Beboerens svar på samtykket er registreret.");
        Assert.Equal([$"POST {path}/samtykke 303", $"GET {path} 200"], exchanges);
        await Assertions.Expect(page.StepForm("Samtykke")).ToHaveCountAsync(0);
        await PageChecks.CheckAsync(page, "nojs-3-consent-recorded", output);

        var id = path[(path.LastIndexOf('/') + 1)..];
        await host.WaitForStatusAsync(id, "AwaitingFinancing");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("dl.facts .badge").First).ToHaveTextAsync("Afventer finansiering");
        Assert.Equal(0, await page.GetByRole(AriaRole.Status).CountAsync()); // the message went with the redirect

        await page.Context.CloseAsync();
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
    }
}
