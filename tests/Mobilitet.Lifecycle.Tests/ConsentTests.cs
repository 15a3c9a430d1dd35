using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;

namespace Mobilitet.Lifecycle.Tests;

public sealed class ConsentDeclinedTests(HourDayHost host) : IClassFixture<HourDayHost>
{
    [Fact]
    public async Task A_declined_consent_ends_the_agreement_before_financing()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));

        await host.StepAsync(id, "consent", Steps.Consent("declined"));

        var declined = await host.WaitForStatusAsync(id, "Declined");
        var kinds = declined.Kinds().ToList();
        Assert.Contains("ConsentDeclined", kinds);
        Assert.DoesNotContain(kinds, kind => kind.StartsWith("Financing", StringComparison.Ordinal));
        Assert.Null(declined["financing"]!["route"]);

        // A final agreement takes no more steps.
        using var late = await host.PostAsync($"/api/agreements/{id}/consent", Steps.Consent("given"));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("Declined", (await host.GetAsync(id)).Text("status"));
    }
}
