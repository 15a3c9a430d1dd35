using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The first decision wins and the others are told: of concurrent decisions on one step exactly one
/// is accepted, a repeat of it is accepted again, every other one gets 409 with what was decided, and
/// an escalation's stored note is always the accepted decision's — in the vault, not in the API.
/// </summary>
public sealed class DecisionRaceTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Fact]
    public async Task Of_ten_approvals_and_ten_rejections_one_decision_is_accepted_and_the_others_are_told_what_it_was()
    {
        // Under standard-v2 at this day the financing deadline (10 days) is one second after the request.
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m, policy: TestPolicies.UnhurriedPeople.Name));
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForAsync(id, a => a.Kinds().Contains("FinancingRequested"), "the financing request");

        var requests = Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? "approved" : "rejected").ToList();
        var answers = await Task.WhenAll(requests.Select(async decision =>
        {
            using var response = await host.PostAsync($"/api/agreements/{id}/financing", Steps.Financing(decision));
            return (Decision: decision, response.StatusCode, Body: JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }));

        var winner = Assert.Single(answers.Where(a => a.StatusCode == HttpStatusCode.Accepted).Select(a => a.Decision).Distinct());
        Assert.All(answers.Where(a => a.Decision == winner), a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.All(answers.Where(a => a.Decision != winner), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.StatusCode);
            Assert.Equal(winner, a.Body["decided"].Text("decision"));
            Assert.Equal("finance-approver", a.Body["decided"].Text("by"));
            Assert.Contains("Der er allerede truffet en afgørelse", a.Body.Text("detail"), StringComparison.Ordinal);
        });

        var decided = await host.WaitForStatusAsync(id, winner == "approved" ? "AwaitingMove" : "Rejected");
        Assert.Single(decided.Kinds(), kind => kind is "FinancingApproved" or "FinancingRejected");
        Assert.Equal(winner == "approved" ? "ApprovedByApprover" : "RejectedByApprover", decided["financing"].Text("route"));
        if (winner == "approved")
        {
            await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        }
    }

    [Fact]
    public async Task A_repeated_consent_is_accepted_again_and_a_different_one_is_refused_before_and_after_it_takes_effect()
    {
        var id = await host.StartStoredAsync();

        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await AssertRefusedAsync(id, "declined");

        await host.WaitForStatusAsync(id, "AwaitingMove");
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await AssertRefusedAsync(id, "declined");

        var agreement = await host.GetAsync(id);
        Assert.Single(agreement.Kinds(), kind => kind == "ConsentGiven");
        Assert.DoesNotContain("ConsentDeclined", agreement.Kinds());
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    [Fact]
    public async Task Of_two_decisions_on_one_escalation_the_first_wins_and_only_its_note_is_kept_in_the_vault()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m));
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        var escalationId = (await host.WaitForAsync(id, a => a.Array("escalations").Count > 0, "the financing escalation"))
            .Array("escalations")[0].Text("escalationId");

        var decisions = new[] { ("follow-up", "Ring til Jens Hansen i boligselskabet."), ("close", "Lukkes, Mette Jensen har styr på det.") };
        var answers = await Task.WhenAll(decisions.Select(async d =>
        {
            using var response = await host.PostAsync($"/api/escalations/{escalationId}/decision", Decision(d.Item1, d.Item2));
            return (Decision: d, response.StatusCode, Body: JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }));

        var accepted = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted).Decision;
        var refused = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(accepted.Item1, refused.Body["decided"].Text("decision"));
        Assert.Equal("yes", refused.Body["decided"].Text("note"));

        var decided = await host.WaitForAsync(id, a => a.Array("escalations")[0].Text("status") == "Decided", "the escalation to be decided");
        Assert.Equal(accepted.Item1, decided.Array("escalations")[0].Text("decision"));
        var vault = host.Services.GetRequiredService<IPersonalDataVault>();
        Assert.Equal(accepted.Item2, await vault.FindEscalationNoteAsync(id, escalationId, CancellationToken.None));

        // The note is personal data: not in the agreement's API answer, the engine or the logs.
        var json = decided.ToJsonString();
        Assert.DoesNotContain("\"note\"", json, StringComparison.Ordinal);
        foreach (var (_, note) in decisions)
        {
            Assert.DoesNotContain(note, json, StringComparison.Ordinal);
            Assert.DoesNotContain(note, string.Join('\n', host.EnginePayloads.Payloads), StringComparison.Ordinal);
            Assert.DoesNotContain(note, string.Join('\n', host.Logs.Lines), StringComparison.Ordinal);
        }

        // A repeat of the accepted decision is accepted again; the same decision with another note is not.
        using (var repeat = await host.PostAsync($"/api/escalations/{escalationId}/decision", Decision(accepted.Item1, accepted.Item2)))
        {
            Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        }

        using (var otherNote = await host.PostAsync($"/api/escalations/{escalationId}/decision", Decision(accepted.Item1, "En helt anden note")))
        {
            Assert.Equal(HttpStatusCode.Conflict, otherNote.StatusCode);
        }

        Assert.Equal(accepted.Item2, await vault.FindEscalationNoteAsync(id, escalationId, CancellationToken.None));
        await host.StepAsync(id, "withdraw-consent");
        // The status changes first, the erasure follows: wait for the erasure, not the status.
        await host.WaitForAsync(id, a => a.Text("status") == "ConsentWithdrawn" && a.Kinds().Contains("PersonalDataErased"), "withdrawal and erasure");
        Assert.Null(await vault.FindEscalationNoteAsync(id, escalationId, CancellationToken.None));
    }

    [Fact]
    public async Task A_decision_recorded_but_never_handed_over_is_delivered_by_the_repair_job()
    {
        var id = await host.StartStoredAsync();
        await host.Durable.WaitForInstanceStartAsync(id);

        // The process died after recording the consent and before raising it.
        var log = host.Services.GetRequiredService<IDecisionLog>();
        await log.ClaimAsync(DecisionCodec.Consent(id, true, "caseworker", DateTimeOffset.UtcNow - UndeliveredDecisionRepair.Grace - TimeSpan.FromSeconds(1)), CancellationToken.None);
        await AssertRefusedAsync(id, "declined");
        Assert.Equal("AwaitingConsent", (await host.GetAsync(id)).Text("status"));

        var delivered = await host.Services.GetRequiredService<UndeliveredDecisionRepair>().RunAsync(host.Durable, CancellationToken.None);

        Assert.True(delivered >= 1);
        await host.WaitForStatusAsync(id, "AwaitingMove");
        Assert.True((await log.FindAsync(id, DecisionSubjects.Consent, CancellationToken.None))!.Delivered);
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    private static JsonObject Decision(string decision, string note) => new() { ["decision"] = decision, ["note"] = note };

    private async Task AssertRefusedAsync(string id, string consent)
    {
        using var response = await host.PostAsync($"/api/agreements/{id}/consent", Steps.Consent(consent));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("given", problem["decided"].Text("decision"));
        Assert.Equal("consent", problem["decided"].Text("subject"));
    }
}
