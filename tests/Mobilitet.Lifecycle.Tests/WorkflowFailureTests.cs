using System.Net;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Hosting.Maintenance;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// No agreement gets stuck behind a workflow that is not running: a failed workflow shows on the
/// agreement with its reason and in the error log, and a step on a workflow that failed, was terminated
/// or never started is refused with 409 instead of a 202 that changes nothing.
/// </summary>
public sealed class WorkflowFailureTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    private IAgreementRepository Agreements => host.Services.GetRequiredService<IAgreementRepository>();

    [Fact]
    public async Task A_failed_workflow_shows_as_failed_with_its_reason_and_every_step_on_it_is_refused()
    {
        // Pinned to a policy this version does not know (say, a deploy removed it): the workflow fails at once.
        var id = await host.StartStoredAsync(agreement => agreement with { PolicyName = "standard-v0" });

        var failed = await host.WaitForStatusAsync(id, "Failed");

        var entry = Assert.Single(failed.Array("timeline"), entry => entry.Text("kind") == "WorkflowFailed");
        Assert.StartsWith("KeyNotFoundException: ", entry.Text("detail"), StringComparison.Ordinal);
        Assert.Contains("standard-v0", entry.Text("detail"), StringComparison.Ordinal);
        // The recorder logs the failure just after it marks the agreement Failed, and the workflow fails in the engine
        // after that: wait for both instead of racing them.
        await Eventually.WaitForAsync(
            () => Task.FromResult(host.Logs.Lines.ToList()),
            lines => lines.Exists(line => line.StartsWith("Error ", StringComparison.Ordinal) && line.Contains(id, StringComparison.Ordinal) && line.Contains("KeyNotFoundException", StringComparison.Ordinal)),
            $"the error log line about {id}");
        await Eventually.WaitForAsync(() => host.Durable.GetInstanceAsync(id), instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Failed, $"{id} to fail in the engine");

        foreach (var (step, body) in new (string, JsonObject?)[] { ("consent", Steps.Consent("given")), ("cancel", Steps.Cancel("Ryddes op")), ("withdraw-consent", null) })
        {
            await AssertRefusedAsync(id, step, body);
        }

        Assert.Null(await host.Services.GetRequiredService<IDecisionLog>().FindAsync(id, DecisionSubjects.Consent, CancellationToken.None));
        Assert.Equal("Failed", (await host.GetAsync(id)).Text("status"));
    }

    [Fact]
    public async Task The_failure_sweep_shows_a_failure_the_workflow_could_not_report()
    {
        var id = await host.StartStoredAsync(agreement => agreement with { PolicyName = "standard-v0" });
        await host.WaitForStatusAsync(id, "Failed");

        // As if the workflow's own report had not reached the read model (a change at the same instant applies).
        var reported = (await Agreements.FindAsync(id, CancellationToken.None))!.LastChangedAt;
        await Agreements.UpdateAsync(id, reported, agreement => agreement with { Status = AgreementStatus.AwaitingConsent }, CancellationToken.None);
        Assert.Equal("AwaitingConsent", (await host.GetAsync(id)).Text("status"));

        var recorded = await host.Services.GetRequiredService<FailedWorkflowSweep>().RunAsync(host.Durable, CancellationToken.None);

        Assert.True(recorded >= 1);
        Assert.Equal(AgreementStatus.Failed, (await Agreements.FindAsync(id, CancellationToken.None))!.Status);
        Assert.Equal(0, await host.Services.GetRequiredService<FailedWorkflowSweep>().RunAsync(host.Durable, CancellationToken.None));
    }

    [Fact]
    public async Task A_step_on_a_terminated_workflow_is_refused_and_records_nothing()
    {
        // At the stored agreement's real day the consent deadline cannot pass before the terminate (it did at 20 ms a day).
        var id = await host.StartStoredAsync();
        await host.Durable.WaitForInstanceStartAsync(id);
        await host.Durable.TerminateInstanceAsync(id, "operator test");
        await host.Durable.WaitForInstanceCompletionAsync(id);

        await AssertRefusedAsync(id, "consent", Steps.Consent("given"));
        await AssertRefusedAsync(id, "cancel", Steps.Cancel("Ryddes op"));

        Assert.Null(await host.Services.GetRequiredService<IDecisionLog>().FindAsync(id, DecisionSubjects.Consent, CancellationToken.None));
        Assert.Equal("AwaitingConsent", (await host.GetAsync(id)).Text("status"));
    }

    [Fact]
    public async Task A_step_on_an_agreement_whose_workflow_never_started_is_refused()
    {
        var id = await host.StoreWithoutOrchestrationAsync();

        await AssertRefusedAsync(id, "consent", Steps.Consent("given"));

        Assert.Null(await host.Durable.GetInstanceAsync(id));
        Assert.Null(await host.Services.GetRequiredService<IDecisionLog>().FindAsync(id, DecisionSubjects.Consent, CancellationToken.None));
    }

    [Fact]
    public async Task An_agreement_planned_for_the_last_day_of_the_calendar_waits_for_its_move_instead_of_failing()
    {
        // The API refuses such a date now; one stored before must still not break the workflow's date arithmetic.
        var id = await host.StartStoredAsync(agreement => agreement with { PlannedMoveDate = new DateOnly(9999, 12, 31), DayLength = TimeSpan.FromDays(1) });
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForStatusAsync(id, "AwaitingMove");

        await host.StepAsync(id, "move", Steps.Move(AgreementForms.Today));

        await host.WaitForStatusAsync(id, "Monitoring");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Durable.GetInstanceAsync(id))!.RuntimeStatus);
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    private async Task AssertRefusedAsync(string id, string step, JsonObject? body)
    {
        using var response = await host.PostAsync($"/api/agreements/{id}/{step}", body);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{step}: {(int)response.StatusCode} {problem.ToJsonString()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Intet er ændret", problem.Text("detail"), StringComparison.Ordinal);
    }
}
