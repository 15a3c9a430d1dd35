using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Browser;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Routes;
using Xunit.Abstractions;

namespace Mobilitet.Lifecycle.Tests;

public sealed class FinancingAutoApprovalTests(HourDayHost host) : IClassFixture<HourDayHost>
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

public sealed class FinancingByApproverTests(HourDayHost host) : IClassFixture<HourDayHost>
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

/// <summary>
/// The financing instrument end to end on the real engine: an outcome contract's request is approved by a finance approver
/// on the agreement page (a lower amount, with a reason), the resident moves, the three milestones are measured, and at
/// completion the financing is settled: the report is kept (JSON and a Danish page), its page answers, and the API shows it.
/// The settlement report and a measurement report, which only a finished lifecycle has, pass axe in headless Chromium here.
/// </summary>
[WaitsMinutes]
public sealed class FinancingSettlementTests(TenthSecondDayHost host, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<TenthSecondDayHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_outcome_contract_approved_by_a_person_is_settled_against_the_gains_realised_when_the_agreement_completes()
    {
        var form = AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m, policy: TestPolicies.UnhurriedPeople.Name);
        form["financing"]!["instrument"] = "outcome-contract-v1";
        var id = await host.CreateAsync(form);
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForAsync(id, a => a.Kinds().Contains("FinancingRequested"), "the financing request");

        // The approver decides on the page: without a reason the decision is refused by its field, with one it stands.
        using var approver = new PageClient(host.Api.BaseAddress!, PageForms.AarhusFinanceApprover);
        var page = $"/aftaler/{id}";
        using (var withoutReason = await approver.SubmitAsync(page, page + "/finansiering", ("decision", "approved"), ("approvedDkk", "45.000")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
            Assert.NotNull(PageForms.Parse(await withoutReason.Content.ReadAsStringAsync()).GetElementById("field-financing-reason-error"));
        }

        using (var approved = await approver.SubmitAsync(page, page + "/finansiering", ("decision", "approved"), ("approvedDkk", "45.000"), ("reason", "Stærk business case; beboeren har job i sigte.")))
        {
            Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
        }

        await host.WaitForStatusAsync(id, "AwaitingMove");
        Assert.Equal("Stærk business case; beboeren har job i sigte.", (await host.Services.GetRequiredService<IPersonalDataVault>().FindAsync(id, CancellationToken.None))!.FinancingDecisionReason);

        await host.StepAsync(id, "move", Steps.Move(await host.PolicyTodayAsync(id)));
        await host.WaitForStatusAsync(id, "Monitoring");
        foreach (var milestone in new[] { "M3", "M12", "M36" })
        {
            await host.StepAsync(id, "measurements", AgreementForms.OnTrack(milestone));
        }

        var completed = await host.WaitForStatusAsync(id, "Completed", Deadlines.ThroughM36);

        // By hand: every on-track year nets (60 000 − 150 000) − (30 000 − 200 000) = 80 000 kr. more, so 36 months realise
        // 240 000 kr.; the investor gets 50 % above 1 × 45 000, 97 500 kr., capped at 1.3 × 45 000 = 58 500 kr., and nothing is written off.
        var settlement = completed["financing"]!["settlement"]!;
        Assert.Equal(36, settlement["monthsSettled"]!.GetValue<int>());
        Assert.Equal(240_000m, settlement["realisedGainDkk"]!.GetValue<decimal>());
        Assert.Equal(58_500m, settlement["outcomePaymentDkk"]!.GetValue<decimal>());
        Assert.Equal(0m, settlement["writtenOffDkk"]!.GetValue<decimal>());
        Assert.Equal($"/aftaler/{id}/afregning", settlement.Text("reportPath"));
        var kinds = completed.Kinds().ToList();
        Assert.True(kinds.IndexOf("FinancingSettled") < kinds.IndexOf("AgreementCompleted"));

        var report = await host.Services.GetRequiredService<IDocumentStore>().ReadJsonAsync<SettlementReport>(id, DocumentNames.Settlement, CancellationToken.None);
        Assert.Equal(("outcome-contract-v1", 45_000m, 58_500m), (report!.Instrument.Name, report.Settlement.FinancedDkk, report.Settlement.OutcomePaymentDkk));
        Assert.Contains("58.500 kr.", await host.Services.GetRequiredService<IDocumentStore>().ReadHtmlAsync(id, DocumentNames.SettlementPage, CancellationToken.None), StringComparison.Ordinal);

        using var caseworker = new PageClient(host.Api.BaseAddress!, PageForms.AarhusCaseworker);
        var agreementPage = PageForms.Parse(await (await caseworker.GetAsync(page)).Content.ReadAsStringAsync());
        Assert.Equal("58.500 kr.", agreementPage.QuerySelector("dl.settlement [data-settlement=outcome-payment]")!.Text());
        Assert.Contains("Begrundelse for godkendt finansiering Stærk business case", agreementPage.QuerySelector("dl.personal-data")!.Text(), StringComparison.Ordinal);
        using var reportPage = await caseworker.GetAsync(settlement.Text("reportPath")!);
        Assert.Equal(HttpStatusCode.OK, reportPage.StatusCode);
        var shown = PageForms.Parse(await reportPage.Content.ReadAsStringAsync());
        Assert.Equal("Afregning af finansieringen", shown.QuerySelector("h1")!.Text());
        Assert.Equal("240.000 kr.", shown.QuerySelector("[data-settlement=realised]")!.Text());

        // Another municipality's caseworker may not read it.
        using var copenhagen = new PageClient(host.Api.BaseAddress!, PageForms.CopenhagenCaseworker);
        Assert.Equal(HttpStatusCode.Forbidden, (await copenhagen.GetAsync(settlement.Text("reportPath")!)).StatusCode);
        host.AssertNoPersonalDataReachedTheEngineOrLogs(id);

        // Both reports in a browser, as the caseworker reads them: screenshot and axe.
        var reader = await browser.NewPageAsync(host.Api.BaseAddress!);
        await reader.SignInAsync("Carla Sagsbehandler", "0751", Roles.Caseworker);
        foreach (var (path, name) in new[] { (settlement.Text("reportPath")!, "afregning"), (UiRoutes.MeasurementReportPath(id, Milestone.M36), "maalingsrapport") })
        {
            var response = await reader.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await PageChecks.CheckAsync(reader, name, output);
        }

        await reader.Context.CloseAsync();
    }
}
