using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Financing;

namespace Mobilitet.Lifecycle.Tests;

public sealed class FinancingAutoApprovalTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Fact]
    public async Task A_small_request_with_a_strong_business_case_is_approved_without_a_human()
    {
        var id = await host.UpToMoveAsync(AgreementForms.Today.AddDays(30));

        var agreement = await host.GetAsync(id);
        Assert.Equal("AutoApproved", agreement["financing"].Text("route"));
        Assert.Equal(20_000m, agreement["financing"]!["approvedDkk"]!.GetValue<decimal>());
        Assert.Contains("FinancingAutoApproved", agreement.Kinds());
        Assert.DoesNotContain(host.EmailsAbout(id), email => email.Is("FinancingDecisionRequested"));

        var businessCase = await host.Services.GetRequiredService<IDocumentStore>()
            .ReadJsonAsync<BusinessCase>(id, DocumentNames.BusinessCase, CancellationToken.None);
        Assert.Equal(52_500m, businessCase!.ProjectedGain36Dkk);

        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }
}

public sealed class FinancingByApproverTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Fact]
    public async Task A_request_above_the_limit_waits_for_the_finance_approver_who_approves_a_lower_amount()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m));
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForAsync(id, a => a.Kinds().Contains("FinancingRequested"), "the financing request");

        var request = Assert.Single(await host.WaitForEmailsAsync(id, e => e.Any(x => x.Is("FinancingDecisionRequested")), "the approver's email"), e => e.Is("FinancingDecisionRequested"));
        Assert.Equal(["finansiering@mobilitet.example.dk"], request.To);
        Assert.Contains("50.000 kr.", request.Subject, StringComparison.Ordinal);

        // A move before financing does not fit the state: 409, and nothing changes.
        using (var early = await host.PostAsync($"/api/agreements/{id}/move", Steps.Move(AgreementForms.Today)))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        Assert.Null((await host.GetAsync(id))["movedOn"]);

        using (var tooMuch = await host.PostAsync($"/api/agreements/{id}/financing", Steps.Financing("approved", 60_000m)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        }

        await host.StepAsync(id, "financing", Steps.Financing("approved", 45_000m));

        var approved = await host.WaitForStatusAsync(id, "AwaitingMove");
        Assert.Equal("ApprovedByApprover", approved["financing"].Text("route"));
        Assert.Equal(45_000m, approved["financing"]!["approvedDkk"]!.GetValue<decimal>());
        Assert.Contains(approved.Array("timeline"), entry => entry.Text("kind") == "FinancingApproved" && entry.Text("actor") == "finance-approver");

        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    [Fact]
    public async Task A_rejected_request_ends_the_agreement()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m));
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForAsync(id, a => a.Kinds().Contains("FinancingRequested"), "the financing request");

        await host.StepAsync(id, "financing", Steps.Financing("rejected"));

        var rejected = await host.WaitForStatusAsync(id, "Rejected");
        Assert.Equal("RejectedByApprover", rejected["financing"].Text("route"));
        Assert.Null(rejected["financing"]!["approvedDkk"]);
    }
}
