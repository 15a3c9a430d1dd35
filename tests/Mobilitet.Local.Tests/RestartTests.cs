using Xunit.Abstractions;
using System.Text.Json.Nodes;
using Mobilitet.Local.Tests.Infrastructure;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;

namespace Mobilitet.Local.Tests;

/// <summary>
/// The local host as a process on the persistent engine (Azure Storage provider on an Azurite it
/// starts itself): an agreement keeps going across a SIGKILL of the host, with every step once.
/// </summary>
/// <remarks>150 ms a day: 36 months in under three minutes; consent within 30 days = 4.5 s.</remarks>
public sealed class RestartTests(ITestOutputHelper log) : HostProcessTest(log, TimeSpan.FromMilliseconds(150))
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task Agreements_waiting_on_a_timer_and_on_a_human_survive_a_sigkill_and_complete_with_every_step_once()
    {
        var first = await StartFirstHostAsync();
        Assert.Contains("started by this host", first.StartupLine, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = first.BaseUrl, Timeout = TimeSpan.FromSeconds(60) }.SignedInAs(TestIdentities.Everything);
        var api = new AgreementApi(http, DayLength);

        // A: monitoring, with M3 and M36 data recorded ahead and M12's missing.
        var monitored = await api.UpToMonitoringAsync();
        await api.StepAsync(monitored, "measurements", AgreementForms.OnTrack("M3"));
        await api.StepAsync(monitored, "measurements", AgreementForms.OnTrack("M36"));

        // B: waiting for a finance approver (it escalates meanwhile).
        var financed = await api.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m));
        await api.StepAsync(financed, "consent", Steps.Consent("given"));
        await api.WaitForAsync(financed, a => a.Array("escalations").Any(e => e.Text("status") == "Unresolved"), "B's financing escalation to pass its levels", Long);

        await api.WaitForAsync(monitored, a => a.Array("measurements").Count == 1, "A's M3 measurement", Long);

        // Now A waits on the timer for M12 and B on a human: a crash.
        await first.KillAsync();
        Assert.True(await Environment.AzuriteIsListeningAsync(), "Azurite runs in its own session and survives the host");

        await using var second = await Environment.StartHostAsync();
        Assert.Contains("adopted", second.StartupLine, StringComparison.Ordinal);

        await api.StepAsync(financed, "financing", Steps.Financing("approved"));
        var approved = await api.WaitForAsync(
            financed,
            a => a.Text("status") == "AwaitingMove" && a.Array("escalations")[0].Text("status") == "ClosedBySystem",
            "B approved after the restart",
            Long);
        Assert.Equal("ApprovedByApprover", approved["financing"].Text("route"));

        // M12 falls due without data: the caseworker is reminded; the data completes it.
        await Eventually.WaitForAsync(
            () => Task.FromResult(SendGrid.EmailsAbout(monitored)),
            emails => emails.Any(e => e.Is("MeasurementDataMissing")),
            "the M12 reminder",
            Long);
        await api.StepAsync(monitored, "measurements", AgreementForms.OnTrack("M12"));

        var completed = await api.WaitForStatusAsync(monitored, "Completed", Long);
        Assert.Equal(["M3", "M12", "M36"], completed.Array("measurements").Select(m => m.Text("milestone")));
        Assert.All(completed.Array("measurements"), m => Assert.Equal("OnTrack", m.Text("outcome")));
        Assert.Equal(3, completed.Kinds().Count(kind => kind == "MilestoneMeasured"));
        AssertEveryStepOnce(completed);
        AssertEveryStepOnce(await api.GetAsync(financed));

        // No email twice: each notification reached SendGrid exactly once.
        var sent = SendGrid.Messages.Select(m => m.CustomArgs["agreementId"] + "/" + m.CustomArgs["notificationId"]).ToList();
        Assert.NotEmpty(sent);
        Assert.Equal(sent.Count, sent.Distinct().Count());
        Assert.Single(SendGrid.EmailsAbout(monitored), e => e.Is("MeasurementDataMissing"));

        // Ctrl+C: the host stops the engine, then the Azurite it adopted.
        Assert.Equal(0, await second.StopAsync());
        Assert.False(await Environment.AzuriteIsListeningAsync());
    }

    private static void AssertEveryStepOnce(JsonObject agreement)
    {
        var steps = agreement.Array("timeline").Select(entry => (entry.Text("kind"), entry!["detail"]?.GetValue<string>(), entry.Text("actor"))).ToList();
        Assert.Equal(steps.Count, steps.Distinct().Count());
    }
}
