using System.Net;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The status resource a client polls after a step (GET /api/agreements/{id}/status, where the step's 202 points): it
/// follows the workflow as the full agreement does, from the agreement's row alone.
/// </summary>
public sealed class AgreementStatusTests(HourDayHost host) : IClassFixture<HourDayHost>
{
    [Fact]
    public async Task A_steps_202_points_to_the_status_resource_which_follows_the_workflow_to_its_end()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));
        var waiting = await host.GetStatusAsync(id);
        Assert.Equal(id, waiting.Text("agreementId"));
        Assert.Equal("AwaitingConsent", waiting.Text("status"));
        Assert.Null(waiting["endedAt"]);

        using var accepted = await host.PostAsync($"/api/agreements/{id}/consent", Steps.Consent("declined"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal($"/api/agreements/{id}/status", accepted.Headers.Location!.OriginalString);

        var declined = await Eventually.WaitForAsync(() => host.GetStatusAsync(id), status => status.Text("status") == "Declined", $"agreement {id} to be Declined");
        Assert.Null(declined["nextDueAt"]);
        Assert.NotNull(declined["endedAt"]);
        Assert.True(declined["lastChangedAt"]!.GetValue<DateTimeOffset>() > waiting["lastChangedAt"]!.GetValue<DateTimeOffset>());
        var full = await host.GetAsync(id);
        Assert.Equal("Declined", full.Text("status"));
        Assert.Equal(full["endedAt"]!.GetValue<DateTimeOffset>(), declined["endedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task An_unknown_or_malformed_agreement_has_no_status()
    {
        foreach (var id in new[] { AgreementIds.New(), "not-an-id" })
        {
            using var response = await host.Api.GetAsync(new Uri($"/api/agreements/{id}/status", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
