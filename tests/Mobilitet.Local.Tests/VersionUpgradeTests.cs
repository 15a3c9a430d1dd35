using System.Text.Json.Nodes;
using Mobilitet.Local.Tests.Infrastructure;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Workflow;
using Xunit.Abstractions;

namespace Mobilitet.Local.Tests;

/// <summary>
/// Issue 13, point 4 (versioning): an agreement started while the host ran workflow 1.3 (<c>Engine:WorkflowVersion</c>)
/// keeps its version when the host is killed and restarted on the current code (1.5, whose lifecycle differs: from 1.4 a
/// breach escalation still open keeps an agreement from completing and completion is emailed; from 1.5 an agreement
/// settles its financing as it ends), and completes as 1.3 does. An agreement started on the current version beside it
/// shows the difference.
/// </summary>
/// <remarks>
/// 150 ms a day: consent is posted right after the create, inside its expiry at 30 days (4.5 s; the test runs beside the
/// lifecycle project's tests, where a create and a consent have taken seconds); M36 is due ~164 s after the move.
/// </remarks>
public sealed class VersionUpgradeTests(ITestOutputHelper log) : HostProcessTest(log, TimeSpan.FromMilliseconds(150))
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task An_agreement_started_on_1_3_keeps_its_version_after_a_restart_on_the_current_code_and_completes_as_1_3_does()
    {
        Environment.Variables["Engine__WorkflowVersion"] = WorkflowVersions.SharedDeadlines;
        var old = await StartFirstHostAsync();
        Assert.Contains($"workflow {WorkflowVersions.SharedDeadlines} ", old.StartupLine, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = old.BaseUrl, Timeout = TimeSpan.FromSeconds(60) }.SignedInAs(TestIdentities.Everything);
        var api = new AgreementApi(http, DayLength);

        // Started on 1.3 and in monitoring, with every milestone's data recorded ahead: M36 below its thresholds.
        var started = await InMonitoringWithAnM36BreachAsync(api);

        await old.KillAsync();
        Environment.Variables.Remove("Engine__WorkflowVersion");
        await using var current = await Environment.StartHostAsync();
        Assert.Contains($"workflow {WorkflowVersions.Current} ", current.StartupLine, StringComparison.Ordinal);
        var control = await InMonitoringWithAnM36BreachAsync(api);

        // 1.3: completes once M36 is measured, its breach escalation still open, with no completion email and no settlement.
        // (The escalation is an orchestration of its own, started as the agreement completes: its row may come a moment later.)
        var completed = await api.WaitForAsync(
            started,
            a => a.Text("status") == "Completed" && a.Array("escalations").Any(e => Breach(e, "Open", "Unresolved")),
            "the 1.3 agreement to complete beside its open M36 breach escalation",
            Long);
        Assert.Equal(["M3", "M12", "M36"], completed.Array("measurements").Select(m => m.Text("milestone")));
        Assert.Equal("BelowThreshold", completed.Array("measurements")[2].Text("outcome"));
        Assert.DoesNotContain(SendGrid.EmailsAbout(started), e => e.Is("AgreementCompleted"));
        Assert.DoesNotContain("FinancingSettled", completed.Kinds());

        // The current version on the same host: the same inputs leave it in monitoring until someone decides the breach.
        var waiting = await api.WaitForAsync(
            control,
            a => a.Array("measurements").Count == 3 && a.Array("escalations").Any(e => Breach(e, "Unresolved")),
            "the current version's M36 breach to pass every level",
            Long);
        Assert.Equal("Monitoring", waiting.Text("status"));
        Assert.DoesNotContain("AgreementCompleted", waiting.Kinds());
    }

    private static bool Breach(JsonNode? escalation, params string[] statuses) =>
        escalation.Text("reason") == "IndicatorBelowThreshold" && escalation.Text("subject").StartsWith("M36", StringComparison.Ordinal)
        && statuses.Contains(escalation.Text("status"));

    private static async Task<string> InMonitoringWithAnM36BreachAsync(AgreementApi api)
    {
        var id = await api.UpToMoveAsync(AgreementForms.Today.AddDays(60));
        await api.StepAsync(id, "move", Steps.Move(await api.PolicyTodayAsync(id)));
        await api.WaitForStatusAsync(id, "Monitoring");
        await api.StepAsync(id, "measurements", AgreementForms.OnTrack("M3"));
        await api.StepAsync(id, "measurements", AgreementForms.OnTrack("M12"));
        await api.StepAsync(id, "measurements", Steps.Measurement("M36", rate: 0.1m, drawDkk: 250_000m, taxDkk: 20_000m));
        return id;
    }
}
