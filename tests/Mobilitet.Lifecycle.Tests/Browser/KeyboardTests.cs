using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Identity;
using Xunit.Abstractions;

namespace Mobilitet.Lifecycle.Tests.Browser;

/// <summary>
/// *Ny flytteaftale* with the keyboard alone — Tab, typing, Space and Enter, no click — in the order the fields are
/// shown: the skip link, every field, the error summary's link back to the field in error, and the submit button.
/// Policy days are real days (<see cref="RealDayHost"/>): nothing but the caseworker changes the agreement.
/// </summary>
public sealed class KeyboardTests(RealDayHost host, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<RealDayHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_caseworker_completes_the_creation_form_with_the_keyboard_alone()
    {
        var page = await browser.NewPageAsync(host.Api.BaseAddress!);
        await page.SignInAsync("Karla Tastatur", "0751", Roles.Caseworker);
        await page.GotoAsync("/aftaler/ny");
        var keyboard = page.Keyboard;

        // The skip link is the first stop; it leads past the menu to the form.
        await keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Gå til sidens indhold" })).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Indlæs dem fra en CSV-fil" })).ToBeFocusedAsync(); // the caseload import, before the form
        await keyboard.PressAsync("Tab");
        await ExpectFocusAsync(page, "field-municipalityCode");
        await Assertions.Expect(page.Locator("#field-municipalityCode")).ToHaveValueAsync("0751"); // the one municipality they work for

        await TabAndTypeAsync(page, "field-housingAssociation", "Brabrand Boligforening");
        await keyboard.PressAsync("Tab");
        await ExpectFocusAsync(page, "field-direction"); // the first radio button: "Ud af et udsat boligområde"
        await keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByLabel("Ud af et udsat boligområde")).ToBeCheckedAsync();
        await TabAndTypeAsync(page, "field-fromArea", "Gellerupparken");
        await TabAndTypeAsync(page, "field-toArea", "Viby");
        await TabAndTypeAsync(page, "field-resident-cpr", "320190-1234"); // an impossible date: corrected below
        await TabAndTypeAsync(page, "field-resident-name", AgreementForms.ResidentName);
        await TabAndTypeAsync(page, "field-resident-email", AgreementForms.ResidentEmail);
        await TabAndTypeAsync(page, "field-resident-phone", "12 34 56 78");
        await keyboard.PressAsync("Tab");
        await ExpectFocusAsync(page, "field-caseworker-name");
        await Assertions.Expect(page.Locator("#field-caseworker-name")).ToHaveValueAsync("Karla Tastatur");
        await TabAndTypeAsync(page, "field-caseworker-email", AgreementForms.CaseworkerEmail);
        await TabAndTypeAsync(page, "field-supervisors-0-", AgreementForms.Supervisor1);
        for (var level = 1; level < 5; level++)
        {
            await keyboard.PressAsync("Tab"); // the optional levels stay empty
            await ExpectFocusAsync(page, $"field-supervisors-{level}-");
        }

        await TabAndTypeAsync(page, "field-baseline-selfSufficiencyRate", "20");
        await TabAndTypeAsync(page, "field-baseline-resourceDrawDkk", "200.000");
        await TabAndTypeAsync(page, "field-baseline-taxPaidDkk", "30.000");
        await keyboard.PressAsync("Tab"); // the financing instrument keeps its default, the municipal fund
        await ExpectFocusAsync(page, "field-financing-instrument");
        await Assertions.Expect(page.Locator("#field-financing-instrument")).ToHaveValueAsync("municipal-fund-v2");
        await TabAndTypeAsync(page, "field-financing-requestedDkk", "50.000");
        await TabAndTypeAsync(page, "field-financing-purpose", "Indskud og flytning");

        // The browser's own date field takes its segments in the browser's language's order (Debian's Chromium has
        // only en-US: month first; a Danish one: day first). A date whose day is its month types the same in both.
        var planned = Enumerable.Range(30, 400).Select(AgreementForms.Today.AddDays).First(date => date.Day == date.Month);
        await TabAndTypeAsync(page, "field-plannedMoveDate", planned.ToString("ddMMyyyy", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#field-plannedMoveDate")).ToHaveValueAsync(PageForms.Date(planned));

        // Tab steps through the date field's own parts (and its calendar button) before it leaves the field.
        for (var stops = 0; stops < 4 && await page.EvaluateAsync<string>("() => document.activeElement.id") == "field-plannedMoveDate"; stops++)
        {
            await keyboard.PressAsync("Tab");
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Opret flytteaftale" })).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");

        // The error summary takes the focus; its link leads to the CPR field, where the number is corrected and sent with Enter.
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Fejl: "));
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Der er problemer" });
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await keyboard.PressAsync("Tab");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "CPR-nummeret har en ugyldig dato." })).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await ExpectFocusAsync(page, "field-resident-cpr");
        await PageChecks.CheckAsync(page, "keyboard-1-error-summary", output);
        await keyboard.PressAsync("Control+A");
        await keyboard.TypeAsync("010190-1234");
        await keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/aftaler/fa-[a-z0-9]+$"));
        await page.ExpectNoticeAsync("Flytteaftalen er oprettet. Beboeren får besked om at give samtykke.");
        await Assertions.Expect(page.Locator("dl.personal-data")).ToContainTextAsync("010190-xxxx");
        await PageChecks.CheckAsync(page, "keyboard-2-created", output);

        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var agreement = await host.GetAsync(id);
        Assert.Equal("AwaitingConsent", agreement.Text("status"));
        Assert.Equal("Brabrand Boligforening", agreement.Text("housingAssociation"));
        await page.Context.CloseAsync();
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
    }

    private static async Task TabAndTypeAsync(IPage page, string id, string text)
    {
        await page.Keyboard.PressAsync("Tab");
        await ExpectFocusAsync(page, id);
        await page.Keyboard.TypeAsync(text);
    }

    private static Task ExpectFocusAsync(IPage page, string id) => Assertions.Expect(page.Locator("#" + id)).ToBeFocusedAsync();
}
