using Microsoft.Playwright;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Lifecycle.Tests.Browser;

/// <summary>Steps a person takes in the browser that several tests share.</summary>
public static class BrowserSteps
{
    /// <summary>
    /// Signs in through the development sign-in page (/log-ind), as a person does locally: a name, roles ticked by
    /// their Danish names, the municipality chosen by its code. Ends on the page the sign-in returns to (Mine opgaver).
    /// </summary>
    public static async Task SignInAsync(this IPage page, string name, string? municipality, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/log-ind");
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync(name);
        foreach (var role in roles)
        {
            await page.GetByLabel(Roles.DanishName(role), new() { Exact = true }).CheckAsync();
        }

        if (municipality is not null)
        {
            await page.GetByLabel("Kommune (frivilligt)", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = municipality });
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await Assertions.Expect(page.Locator(".user-name")).ToHaveTextAsync(name);
    }

    /// <summary>
    /// Reloads the page until <paramref name="expected"/> is there: the workflow is asynchronous, and the pages show
    /// the read model as it is when they are loaded. A generous deadline; time is never asserted.
    /// </summary>
    public static Task ReloadUntilAsync(this IPage page, ILocator expected, string what, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(expected);
        return Eventually.WaitForAsync(
            async () =>
            {
                if (await expected.CountAsync() > 0)
                {
                    return true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250)); // a reload renders the whole page: no need to hammer
                await page.ReloadAsync();
                return await expected.CountAsync() > 0;
            },
            found => found,
            what,
            deadline);
    }

    /// <summary>An input, select or group by its exact accessible name (labels like "Navn" and "Dit navn" share words).</summary>
    public static ILocator Field(this ILocator scope, string label)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.GetByLabel(label, new() { Exact = true });
    }

    /// <summary>The form on the agreement page whose heading is <paramref name="heading"/> (several step forms can show at once).</summary>
    public static ILocator StepForm(this IPage page, string heading)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }) });
    }

    /// <summary>The message a redirect left (a status region; the page may hold another, e.g. "Registreringen er modtaget").</summary>
    public static Task ExpectNoticeAsync(this IPage page, string text)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasTextString = text })).ToHaveTextAsync(text);
    }

    /// <summary>The Ny flytteaftale form as a caseworker in Aarhus fills it in, by the fields' labels (their name is filled in from the sign-in).</summary>
    public static async Task FillNewAgreementAsync(this ILocator form, string cpr)
    {
        await Assertions.Expect(form.Field("Kommune")).ToHaveValueAsync("0751"); // the one municipality they work for
        await form.Field("Boligselskab").FillAsync("Brabrand Boligforening");
        await form.Field("Ud af et udsat boligområde").CheckAsync();
        await form.Field("Boligområde, der flyttes fra").FillAsync("Gellerupparken");
        await form.Field("Boligområde, der flyttes til (frivilligt)").FillAsync("Viby");
        await form.Field("CPR-nummer").FillAsync(cpr);
        await form.Field("Navn").FillAsync(AgreementForms.ResidentName);
        await form.Field("E-mail (frivilligt)").FillAsync(AgreementForms.ResidentEmail);
        await form.Field("Telefon (frivilligt)").FillAsync("12 34 56 78");
        await form.Field("Din e-mail").FillAsync(AgreementForms.CaseworkerEmail);
        await form.Field("Niveau 1").FillAsync(AgreementForms.Supervisor1);
        await form.Field("Niveau 2 (frivilligt)").FillAsync(AgreementForms.Supervisor2);
        await form.Field("Selvforsørgelsesgrad").FillAsync("20");
        await form.Field("Ressourcetræk").FillAsync("200.000");
        await form.Field("Betalt skat").FillAsync("30.000");
        await form.Field("Ansøgt beløb").FillAsync("50.000");
        await form.Field("Formål").FillAsync("Indskud og flytning");
        await form.Field("Planlagt flyttedato").FillAsync(PageForms.Date(AgreementForms.Today.AddDays(60)));
    }

    /// <summary>
    /// From now on, collects what would tell of a broken page: console errors and warnings (a script or style the
    /// content security policy blocks is one), script errors, and failed or refused requests for anything but the
    /// page itself (a form sent back with its errors is a 400 page, on purpose).
    /// </summary>
    public static List<string> CollectProblems(this IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            // A 4xx page (a form sent back with its errors) is logged as "Failed to load resource" too; failed
            // requests are caught below by their response, where the page itself can be told apart.
            if (message.Type is "error" or "warning" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                problems.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.RequestFailed += (_, request) => problems.Add("failed: " + request.Url);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                problems.Add($"{response.Status} {response.Url}");
            }
        };
        return problems;
    }
}
