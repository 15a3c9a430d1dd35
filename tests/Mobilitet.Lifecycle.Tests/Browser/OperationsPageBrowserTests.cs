using Microsoft.DurableTask.Client;
using Microsoft.Playwright;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Identity;
using Xunit.Abstractions;

namespace Mobilitet.Lifecycle.Tests.Browser;

/// <summary>The Drift page in Chromium: a failed agreement's row and form pass axe, and so does the form sent back with its errors.</summary>
public sealed class OperationsPageBrowserTests(HourDayHost host, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<HourDayHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_Drift_page_and_its_form_with_errors_pass_axe()
    {
        var id = await host.StartStoredAsync(agreement => agreement with { PolicyName = "standard-v0" });
        await host.WaitForStatusAsync(id, "Failed");
        await Eventually.WaitForAsync(() => host.Durable.GetInstanceAsync(id), instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Failed, $"{id} to fail in the engine");

        var administrator = await browser.NewPageAsync(host.Api.BaseAddress!);
        await administrator.SignInAsync("Ane Administrator", null, Roles.Administrator);
        await administrator.GotoAsync("/drift");
        await Assertions.Expect(administrator.GetByRole(AriaRole.Heading, new() { Name = "Drift", Level = 1 })).ToBeVisibleAsync();
        var row = administrator.Locator($"#drift-{id}");
        await Assertions.Expect(row).ToContainTextAsync("KeyNotFoundException");
        await PageChecks.CheckAsync(administrator, "drift", output);

        // Terminate chosen without a note: the form comes back with its errors, and the agreement is unchanged.
        await row.GetByLabel("Afslut aftalen").CheckAsync();
        await row.GetByLabel("Årsag").SelectOptionAsync("NotToContinue");
        await row.GetByRole(AriaRole.Button, new() { Name = "Udfør handling" }).ClickAsync();
        await Assertions.Expect(administrator.Locator("[data-module=error-summary]")).ToBeVisibleAsync();
        await PageChecks.CheckAsync(administrator, "drift-fejl", output);
        Assert.Equal("Failed", (await host.GetAsync(id)).Text("status"));
        await administrator.Context.CloseAsync();
    }
}
