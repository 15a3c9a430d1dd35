using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Identity;
using Xunit.Abstractions;

namespace Mobilitet.Lifecycle.Tests.Browser;

/// <summary>
/// A caseworker in Copenhagen, signed in like anyone else, cannot see or touch an agreement a caseworker in Aarhus made:
/// the Danish 403 page in the UI, problem details from the API (the same sign-in cookie), nothing about the agreement
/// in either, and nothing changed. Policy days are real days (<see cref="RealDayHost"/>): no timer moves the agreement.
/// </summary>
public sealed class MunicipalityScopeTests(RealDayHost host, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<RealDayHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_caseworker_of_another_municipality_gets_the_403_page_and_403_problem_details_for_an_agreement()
    {
        // Made through the form by a caseworker in Aarhus.
        var aarhus = await browser.NewPageAsync(host.Api.BaseAddress!);
        await aarhus.SignInAsync("Søren Sagsbehandler", "0751", Roles.Caseworker);
        await aarhus.GotoAsync("/aftaler/ny");
        var form = aarhus.Locator("form.agreement-form");
        await form.FillNewAgreementAsync(cpr: "010190-1234");
        await form.GetByRole(AriaRole.Button, new() { Name = "Opret flytteaftale" }).ClickAsync();
        await Assertions.Expect(aarhus).ToHaveURLAsync(new Regex("/aftaler/fa-[a-z0-9]+$"));
        var id = aarhus.Url[(aarhus.Url.LastIndexOf('/') + 1)..];
        await using (var own = await aarhus.APIRequest.GetAsync($"/api/agreements/{id}"))
        {
            Assert.Equal(200, own.Status); // the API takes the sign-in cookie: the refusal below is about the municipality
        }

        var copenhagen = await browser.NewPageAsync(host.Api.BaseAddress!);
        await copenhagen.SignInAsync("Kim København", "0101", Roles.Caseworker);

        // The UI: the Danish 403 page, with nothing of the agreement on it.
        var response = await copenhagen.GotoAsync("/aftaler/" + id);
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(copenhagen.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Du har ikke adgang");
        await Assertions.Expect(copenhagen.GetByText("Aftalen hører til en kommune, du ikke har adgang til.")).ToBeVisibleAsync();
        var html = await copenhagen.ContentAsync();
        foreach (var secret in new[] { "Gellerupparken", "Brabrand", "010190", AgreementForms.ResidentName })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }

        await PageChecks.CheckAsync(copenhagen, "scope-403-other-municipality", output);

        // The API: problem details in Danish, for the agreement and for its personal data, and a step is refused too.
        foreach (var path in new[] { $"/api/agreements/{id}", $"/api/agreements/{id}/personal-data" })
        {
            await using var refused = await copenhagen.APIRequest.GetAsync(path);
            Assert.Equal(403, refused.Status);
            Assert.StartsWith("application/problem+json", refused.Headers["content-type"], StringComparison.Ordinal);
            var problem = JsonNode.Parse(await refused.TextAsync())!;
            Assert.Equal(403, problem["status"]!.GetValue<int>());
            Assert.DoesNotContain("Gellerupparken", problem.ToJsonString(), StringComparison.Ordinal);
        }

        await using (var step = await copenhagen.APIRequest.PostAsync($"/api/agreements/{id}/consent", new() { DataObject = new { decision = "given" } }))
        {
            Assert.Equal(403, step.Status);
        }

        // The list does not show it either, and the agreement is as it was.
        await copenhagen.GotoAsync("/aftaler");
        await Assertions.Expect(copenhagen.GetByRole(AriaRole.Link, new() { Name = id })).ToHaveCountAsync(0);
        Assert.Equal("AwaitingConsent", (await host.GetAsync(id)).Text("status"));

        await aarhus.Context.CloseAsync();
        await copenhagen.Context.CloseAsync();
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
    }
}
