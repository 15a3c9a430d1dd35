using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// A breach escalates and a supervisor decides over HTTP from the link in the email. At M3, not M12: the same path
/// without two years of policy time; that monitoring goes on past an escalation to completion is asserted on the
/// in-memory engine (Mobilitet.Workflows.Tests: MonitoringStepTests, AgreementLifecycleTests).
/// </summary>
public sealed class BreachTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Fact]
    public async Task A_breach_at_M3_escalates_and_a_supervisor_decides_from_the_email_link()
    {
        var id = await host.UpToMonitoringAsync(TestPolicies.UnhurriedPeople.Name);
        // Below the baseline self-sufficiency rate (0.2) by more than M3 allows (-0.10).
        await host.StepAsync(id, "measurements", Steps.Measurement("M3", 0.05m, 190_000m, 25_000m));

        var escalated = await host.WaitForAsync(id, a => a.Array("escalations").Count > 0, "the M3 escalation", Deadlines.ThroughM36);
        var escalation = Assert.Single(escalated.Array("escalations"));
        Assert.Equal("IndicatorBelowThreshold", escalation.Text("reason"));
        var m3 = Assert.Single(escalated.Array("measurements"), m => m.Text("milestone") == "M3");
        Assert.Equal("BelowThreshold", m3.Text("outcome"));
        Assert.Equal(["SelfSufficiencyBelowMinimum"], m3.Array("breaches").Select(b => b!.GetValue<string>()));

        var emails = await host.WaitForEmailsAsync(id, e => e.Any(x => x.Is("EscalationRaised")), "the escalation email");
        var email = emails.First(e => e.Is("EscalationRaised"));
        Assert.Equal([AgreementForms.Supervisor1], email.To);
        Assert.Contains("Selvforsørgelsesgraden er under minimum", email.Text, StringComparison.Ordinal);

        var escalationId = escalation.Text("escalationId");
        Assert.Matches(@"http://mobilitet\.test/api/escalations/\S+/decide\?token=", email.Text);
        var link = new Uri(await host.Services.RenewedDecisionLinkAsync(email), UriKind.Relative);
        using (var page = await host.Api.GetAsync(link))
        {
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<html lang=\"da\">", html, StringComparison.Ordinal);
            Assert.Contains("En måling ligger under tærsklen", html, StringComparison.Ordinal);
            Assert.Contains("value=\"follow-up\"", html, StringComparison.Ordinal);
        }

        using (var forgedPage = await host.Api.GetAsync(new Uri($"/api/escalations/{escalationId}/decide?token=1.forged", UriKind.Relative)))
        {
            Assert.Contains("Linket er ugyldigt", await forgedPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var forged = await host.PostAsync($"/api/escalations/{escalationId}/decision", new System.Text.Json.Nodes.JsonObject { ["decision"] = "close", ["token"] = "1.forged" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, forged.StatusCode);
        }

        using (var decided = await host.PostAsync($"/api/escalations/{escalationId}/decision", new System.Text.Json.Nodes.JsonObject
        {
            ["decision"] = "follow-up",
            ["note"] = "Ringer til borgeren i næste uge.",
            ["token"] = await host.Services.RenewedDecisionTokenAsync(email),
        }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, decided.StatusCode);
        }

        var after = await host.WaitForAsync(
            id,
            a => a.Array("escalations")[0].Text("status") == "Decided" && a.Kinds().Contains("EscalationDecided"),
            "the decision to be recorded",
            Deadlines.ThroughM36);
        var recorded = after.Array("escalations")[0];
        Assert.Equal("follow-up", recorded.Text("decision"));
        Assert.Equal("supervisor-level-1", recorded.Text("decidedBy"));
        Assert.Null(recorded!["note"]); // personal data: in the vault, not in the API
        Assert.Equal("Ringer til borgeren i næste uge.", await host.Services.GetRequiredService<IPersonalDataVault>().FindEscalationNoteAsync(id, escalationId, CancellationToken.None));
        Assert.Contains(after.Array("timeline"), entry => entry.Text("kind") == "EscalationDecided" && entry.Text("actor") == "supervisor-level-1");
        Assert.Equal("Monitoring", after.Text("status"));

        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }
}

public sealed class WithdrawalTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Fact]
    public async Task Consent_withdrawn_while_waiting_for_M12_stops_the_agreement_erases_its_data_and_purges_its_history()
    {
        var id = await host.UpToMonitoringAsync(TestPolicies.UnhurriedPeople.Name);
        await host.StepAsync(id, "measurements", AgreementForms.OnTrack("M3"));
        await host.StepAsync(id, "measurements", AgreementForms.OnTrack("M36"));
        await host.WaitForAsync(id, a => a.Array("measurements").Count == 1, "M3 to be measured", Deadlines.ThroughM36);

        // Now the orchestration waits on the timer for M12, nine policy months away.
        await host.StepAsync(id, "withdraw-consent");

        var withdrawn = await host.WaitForAsync(id, a => a.Text("status") == "ConsentWithdrawn" && a.Kinds().Contains("PersonalDataErased"), "withdrawal and erasure");
        Assert.Single(withdrawn.Array("measurements"));
        Assert.All(withdrawn.Array("measurements"), m => Assert.Null(m!["selfSufficiencyRate"]));
        Assert.Null(await host.Services.GetRequiredService<IPersonalDataVault>().FindAsync(id, CancellationToken.None));
        Assert.Null(await host.Services.GetRequiredService<IIndicatorStore>().FindAsync(id, Milestone.M36, CancellationToken.None));

        var instance = await Eventually.WaitForAsync(
            () => host.Durable.GetInstanceAsync(id, getInputsAndOutputs: true),
            i => i?.IsCompleted == true,
            "the orchestration to end");
        Assert.Equal("\"ConsentWithdrawn\"", instance!.SerializedOutput);

        var retention = host.Services.GetRequiredService<PersonalDataRetention>();
        // A withdrawn agreement is due at once, so the host's own scheduled run may have taken it already: either way it ends purged and marked.
        Assert.InRange(await retention.RunAsync(host.Durable, CancellationToken.None), 0, 1);
        Assert.Null(await host.Durable.GetInstanceAsync(id));
        var done = await host.GetAsync(id);
        Assert.NotNull(done["personalDataErasedAt"]);

        // Purged once: a withdrawn agreement is not listed again by later runs.
        Assert.Equal(0, await retention.RunAsync(host.Durable, CancellationToken.None));
    }
}

public sealed class CancellationTests(HourDayHost host) : IClassFixture<HourDayHost>
{
    [Fact]
    public async Task Cancelling_while_the_consent_timer_runs_ends_the_orchestration_and_keeps_the_reason_out_of_the_workflow()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));

        await host.StepAsync(id, "cancel", Steps.Cancel("Borgeren er flyttet til en anden kommune"));

        var cancelled = await host.WaitForStatusAsync(id, "Cancelled");
        Assert.Contains(cancelled.Array("timeline"), entry => entry.Text("kind") == "AgreementCancelled" && entry.Text("actor") == "caseworker");
        var instance = await Eventually.WaitForAsync(() => host.Durable.GetInstanceAsync(id, getInputsAndOutputs: true), i => i?.IsCompleted == true, "the orchestration to end");
        Assert.Equal("\"Cancelled\"", instance!.SerializedOutput);
        var history = System.Text.Json.JsonSerializer.Serialize(await host.Durable.GetOrchestrationHistoryAsync(id));
        Assert.DoesNotContain("anden kommune", history, StringComparison.Ordinal);

        var parties = await host.Services.GetRequiredService<IPersonalDataVault>().FindAsync(id, CancellationToken.None);
        Assert.Equal("Borgeren er flyttet til en anden kommune", parties!.StopReason);

        using var again = await host.PostAsync($"/api/agreements/{id}/cancel", Steps.Cancel("igen"));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
    }
}
