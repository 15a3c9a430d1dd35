using System.Net;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>An email SendGrid refuses for good, end to end: the workflow goes on, the timeline says so, administrators see it.</summary>
public sealed class FailedEmailTests(RealDayHost host) : IClassFixture<RealDayHost>
{
    private static readonly string Administrator = TestIdentities.Person("admin-1", [Roles.Administrator]);

    [Fact]
    public async Task An_email_SendGrid_refuses_is_on_the_timeline_and_the_administrators_page_and_the_agreement_goes_on()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m));
        var offered = host.SendGrid.RequestCount;
        host.SendGrid.FailNextRequests(1, HttpStatusCode.BadRequest);

        await host.StepAsync(id, "consent", Steps.Consent("given"));

        await host.WaitForAsync(id, a => a.Kinds().Contains("EmailFailed"), "the refused email on the timeline");
        await host.WaitForStatusAsync(id, "AwaitingFinancing");
        Assert.DoesNotContain(host.EmailsAbout(id), email => email.Is("FinancingDecisionRequested"));
        Assert.Equal(offered + 1, host.SendGrid.RequestCount); // refused for good: not offered again

        using var administrator = new PageClient(host.Api.BaseAddress!, Administrator);
        var (status, page) = await ListPagesTests.GetAsync(administrator, "/fejlede-emails");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Fejlede e-mails", page.QuerySelector("h1")!.Text());
        var row = Assert.Single(ListPagesTests.Rows(page), cells => cells[1] == id);
        Assert.StartsWith("Finansiering til afgørelse", row[2], StringComparison.Ordinal);
        Assert.StartsWith("400", row[3], StringComparison.Ordinal);
        ListPagesTests.AssertNoPersonalData(page);

        foreach (var other in new[] { PageForms.AarhusCaseworker, PageForms.Monitoring })
        {
            using var client = new PageClient(host.Api.BaseAddress!, other);
            var (forbidden, refusal) = await ListPagesTests.GetAsync(client, "/fejlede-emails");
            Assert.Equal(HttpStatusCode.Forbidden, forbidden);
            Assert.Contains("Fejlede e-mails kan kun ses af administratorer.", refusal.Body!.Text(), StringComparison.Ordinal);
            Assert.DoesNotContain(id, refusal.Body!.Text(), StringComparison.Ordinal);
        }
    }
}
