using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;

namespace Mobilitet.Lifecycle.Tests;

[WaitsMinutes]
public sealed class HappyPathTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Fact]
    public async Task An_agreement_runs_from_the_form_through_consent_financing_move_and_all_three_milestones_to_completed()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), policy: TestPolicies.UnhurriedPeople.Name));
        Assert.Equal("AwaitingConsent", (await host.GetAsync(id)).Text("status"));

        await host.StepAsync(id, "consent", Steps.Consent("given"));
        var awaitingMove = await host.WaitForStatusAsync(id, "AwaitingMove");
        Assert.Equal("AutoApproved", awaitingMove["financing"].Text("route"));

        await host.StepAsync(id, "move", new System.Text.Json.Nodes.JsonObject { ["movedOn"] = (await host.PolicyTodayAsync(id)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["toArea"] = "Viby J" });
        await host.WaitForStatusAsync(id, "Monitoring");

        // Recorded before they fall due: each is used when its milestone comes.
        foreach (var milestone in new[] { "M3", "M12", "M36" })
        {
            await host.StepAsync(id, "measurements", AgreementForms.OnTrack(milestone));
        }

        var completed = await host.WaitForStatusAsync(id, "Completed", Deadlines.ThroughM36);

        var measurements = completed.Array("measurements");
        Assert.Equal(["M3", "M12", "M36"], measurements.Select(m => m.Text("milestone")));
        Assert.All(measurements, m => Assert.Equal("OnTrack", m.Text("outcome")));
        Assert.All(measurements, m => Assert.Equal(60_000m - 150_000m, m!["netContributionDkk"]!.GetValue<decimal>()));
        Assert.Empty(completed.Array("escalations"));
        Assert.Equal("Viby J", completed.Text("toArea"));
        Assert.Equal(TestPolicies.UnhurriedPeople.Name, completed.Text("policy"));

        var kinds = completed.Kinds().ToList();
        Assert.Equal(
            ["AgreementCreated", "ConsentGiven", "FinancingAutoApproved", "MoveRecorded", "MilestoneMeasured", "MilestoneMeasured", "MilestoneMeasured", "FinancingSettled", "AgreementCompleted"],
            kinds.Where(kind => kind is not ("ConsentReminderSent" or "MoveReminderSent" or "WellBeingCheckInSent" or "EmailSent")));
        Assert.Equal(3, kinds.Count(kind => kind == "WellBeingCheckInSent")); // standard-v2: the resident is asked before each milestone
        Assert.Equal(host.EmailsAbout(id).Count, kinds.Count(kind => kind == "EmailSent")); // every email sent is on the timeline
        var checkIns = await host.WaitForEmailsAsync(id, emails => emails.Count(email => email.Is("WellBeingCheckIn")) == 3, "the three check-in emails");
        Assert.All(checkIns.Where(email => email.Is("WellBeingCheckIn")), email => Assert.Contains("/trivsel?token=", email.Text, StringComparison.Ordinal));

        // Each milestone measured once, and the orchestration ended with the same status. The read model says
        // Completed before the engine has stored the orchestration's end (its last episode commits after the activity),
        // so a loaded machine can show Completed here while the instance still runs: wait for it.
        Assert.Equal(3, kinds.Count(kind => kind == "MilestoneMeasured"));
        var instance = await Eventually.WaitForAsync(
            () => host.Durable.GetInstanceAsync(id, getInputsAndOutputs: true),
            i => i?.IsCompleted == true,
            "the orchestration to end");
        Assert.Equal("\"Completed\"", instance!.SerializedOutput);

        host.AssertNoPersonalDataReachedTheEngineOrLogs(id);
    }
}
