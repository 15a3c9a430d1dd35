using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The operator tools on the real engine (docs/operations.md): an agreement whose workflow failed, was stopped or purged
/// behind the system's back is listed with its reason; retry re-runs the failed generation, restart starts again from the
/// last good step, terminate ends the agreement with its reason in the vault; every action is audited; others get 403,
/// bad input 4xx, and then nothing changes. A day of an hour: no timer of these agreements fires during a test.
/// </summary>
public sealed class OperationsTests(HourDayHost host) : IClassFixture<HourDayHost>
{
    private const string List = "/api/operations/agreements";
    private static readonly string Administrator = TestIdentities.Person("admin-ops", [Roles.Administrator]);
    private static readonly string AarhusCaseworker = TestIdentities.Person("cw-ops", [Roles.Caseworker], "0751");

    private IAgreementRepository Agreements => host.Services.GetRequiredService<IAgreementRepository>();

    [Fact]
    public async Task A_failed_workflow_is_listed_with_its_reason_and_a_restart_after_its_data_is_fixed_runs_it_again()
    {
        var id = await FailedAsync();
        using var admin = Client(Administrator);

        var row = await RowAsync(admin, id);
        Assert.Equal("WorkflowFailed", row.Text("reason"));
        Assert.Equal("Arbejdsgangen er fejlet", row.Text("reasonText"));
        Assert.Equal("0751", row.Text("municipalityCode"));
        Assert.Equal("Failed", row.Text("status"));
        Assert.Equal("Failed", row.Text("engineStatus"));
        Assert.StartsWith("KeyNotFoundException: ", row.Text("detail"), StringComparison.Ordinal);
        Assert.Equal(["Retry", "Restart", "Terminate"], row.Array("actions").Select(action => action!.GetValue<string>()));

        // Its policy is still unknown: a restart is refused, and nothing changes.
        using (var refused = await admin.PostAsync($"{List}/{id}/restart", Json(new() { ["reason"] = "DataCorrected" })))
        {
            await AssertProblemAsync(refused, HttpStatusCode.Conflict, "Intet er ændret");
        }

        Assert.Equal("Failed", (await host.GetAsync(id)).Text("status"));
        Assert.Empty(await AuditAsync(id, AuditAction.OperatorRestarted));

        // The data fixed (a change at the same instant applies), the restart runs the workflow from the last good step: consent.
        var failedAt = (await Agreements.FindAsync(id, CancellationToken.None))!.LastChangedAt;
        await Agreements.UpdateAsync(id, failedAt, agreement => agreement with { PolicyName = "standard-v1" }, CancellationToken.None);
        using (var restarted = await admin.PostAsync($"{List}/{id}/restart", Json(new() { ["reason"] = "DataCorrected" })))
        {
            Assert.Equal(HttpStatusCode.Accepted, restarted.StatusCode);
        }

        await host.WaitForStatusAsync(id, "AwaitingConsent");
        await Eventually.WaitForAsync(() => host.Durable.GetInstanceAsync(id), instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running, $"{id} to run again");
        var entry = Assert.Single((await host.GetAsync(id)).Array("timeline"), entry => entry.Text("kind") == "OperatorRestarted");
        Assert.Equal(Actors.Operator, entry.Text("actor"));
        Assert.Equal("DataCorrected:Start", entry.Text("detail"));
        var audited = Assert.Single(await AuditAsync(id, AuditAction.OperatorRestarted));
        Assert.Equal("admin-ops", audited.UserId);
        Assert.Equal([Roles.Administrator], audited.Roles);
        Assert.Equal("reason=DataCorrected;phase=Start", audited.Detail);
        Assert.Null(await FindRowAsync(admin, id));

        // It takes steps again.
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForStatusAsync(id, "AwaitingMove");
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    [Fact]
    public async Task Retry_runs_the_failed_generation_again_from_its_own_input()
    {
        var id = await FailedAsync();
        using var admin = Client(Administrator);

        using (var retried = await admin.PostAsync($"{List}/{id}/retry", Json(new() { ["reason"] = "TransientFault" })))
        {
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        }

        // Same input, same unknown policy: the generation runs again and fails again, and says so a second time.
        var again = await host.WaitForAsync(id, agreement => agreement.Text("status") == "Failed" && agreement.Array("timeline").Count(e => e.Text("kind") == "WorkflowFailed") == 2, "a second failure");
        var retry = Assert.Single(again.Array("timeline"), entry => entry.Text("kind") == "OperatorRetried");
        Assert.Equal("TransientFault", retry.Text("detail"));
        Assert.Equal("reason=TransientFault;phase=Start", Assert.Single(await AuditAsync(id, AuditAction.OperatorRetried)).Detail);
        await Eventually.WaitForAsync(() => host.Durable.GetInstanceAsync(id), instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Failed, $"{id} to fail again in the engine");
    }

    [Fact]
    public async Task Terminate_needs_a_note_ends_the_agreement_as_cancelled_and_keeps_the_note_in_the_vault_only()
    {
        var id = await FailedAsync();
        using var admin = Client(Administrator);
        const string note = "Aftalt med Karin Testesen: aftalen stoppes";

        using (var noNote = await admin.PostAsync($"{List}/{id}/terminate", Json(new() { ["reason"] = "NotToContinue" })))
        {
            var problem = await AssertProblemAsync(noNote, HttpStatusCode.BadRequest, null);
            Assert.NotNull(problem["errors"]!["note"]);
        }

        Assert.Equal("Failed", (await host.GetAsync(id)).Text("status"));

        using (var terminated = await admin.PostAsync($"{List}/{id}/terminate", Json(new() { ["reason"] = "NotToContinue", ["note"] = note })))
        {
            Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        }

        var ended = await host.GetAsync(id);
        Assert.Equal("Cancelled", ended.Text("status"));
        var entry = Assert.Single(ended.Array("timeline"), entry => entry.Text("kind") == "OperatorTerminated");
        Assert.Equal(Actors.Operator, entry.Text("actor"));
        Assert.Equal("NotToContinue", entry.Text("detail"));
        Assert.Equal(note, (await host.Services.GetRequiredService<IPersonalDataVault>().FindAsync(id, CancellationToken.None))!.StopReason);
        var audited = Assert.Single(await AuditAsync(id, AuditAction.OperatorTerminated));
        Assert.Equal("reason=NotToContinue;status=Failed", audited.Detail);
        Assert.DoesNotContain("Karin", string.Join('\n', host.EnginePayloads.Payloads), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("Karin", StringComparison.Ordinal));
        Assert.Null(await FindRowAsync(admin, id));

        // Ended: nothing more to do.
        using var again = await admin.PostAsync($"{List}/{id}/terminate", Json(new() { ["reason"] = "NotToContinue", ["note"] = note }));
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "Intet er ændret");
        Assert.Single(await AuditAsync(id, AuditAction.OperatorTerminated));
    }

    [Fact]
    public async Task Terminate_stops_a_running_workflow()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));
        await Eventually.WaitForAsync(() => host.Durable.GetInstanceAsync(id), instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running, $"{id} to run");
        var escalations = host.Services.GetRequiredService<IEscalationRepository>();
        var escalation = new EscalationRecord { EscalationId = EscalationIds.For(id, "move"), AgreementId = id, Reason = EscalationReason.MoveOverdue, Subject = "move", Level = 1, Status = EscalationStatus.Open, RaisedAt = DateTimeOffset.UtcNow };
        await escalations.SaveAsync(escalation, CancellationToken.None);
        using var admin = Client(Administrator);

        using (var terminated = await admin.PostAsync($"{List}/{id}/terminate", Json(new() { ["reason"] = "Other", ["note"] = "Oprettet ved en fejl" })))
        {
            Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        }

        await Eventually.WaitForAsync(() => host.Durable.GetInstanceAsync(id), instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated, $"{id} to be terminated");
        Assert.Equal("Cancelled", (await host.GetAsync(id)).Text("status"));
        Assert.Empty(await host.Services.GetRequiredService<Mobilitet.Workflows.Tasks.ITaskBoard>().ListForAgreementAsync(id, CancellationToken.None));
        Assert.Equal(EscalationStatus.Cancelled, (await escalations.FindAsync(escalation.EscalationId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_agreement_whose_instance_was_terminated_and_purged_behind_the_systems_back_is_listed_and_restarts_from_its_last_good_step()
    {
        var id = await host.UpToMoveAsync(AgreementForms.Today.AddDays(30));
        using var admin = Client(Administrator);
        await host.Durable.TerminateInstanceAsync(id);
        await host.Durable.WaitForInstanceCompletionAsync(id);

        Assert.Equal("EngineTerminated", (await RowAsync(admin, id)).Text("reason"));

        await host.Durable.PurgeInstanceAsync(id);
        var row = await RowAsync(admin, id);
        Assert.Equal("EngineInstanceMissing", row.Text("reason"));
        Assert.Equal("AwaitingMove", row.Text("status"));
        Assert.Null(row["engineStatus"]);
        Assert.Equal(["Restart", "Terminate"], row.Array("actions").Select(action => action!.GetValue<string>()));

        // Nothing failed: there is no generation to re-run.
        using (var retry = await admin.PostAsync($"{List}/{id}/retry", Json(new() { ["reason"] = "TransientFault" })))
        {
            await AssertProblemAsync(retry, HttpStatusCode.Conflict, "Intet er ændret");
        }

        var emailsBefore = host.EmailsAbout(id).Count; // the consent and financing emails, sent once
        using (var restarted = await admin.PostAsync($"{List}/{id}/restart", Json(new() { ["reason"] = "Other" })))
        {
            Assert.Equal(HttpStatusCode.Accepted, restarted.StatusCode);
        }

        await Eventually.WaitForAsync(() => host.Durable.GetInstanceAsync(id), instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running, $"{id} to run again");
        Assert.Equal("Other:Move", Assert.Single((await host.GetAsync(id)).Array("timeline"), entry => entry.Text("kind") == "OperatorRestarted").Text("detail"));

        // From the move on: the move is taken, and the steps before it are on the timeline once.
        await host.StepAsync(id, "move", Steps.Move(AgreementForms.Today));
        var monitoring = await host.WaitForStatusAsync(id, "Monitoring");
        Assert.Single(monitoring.Array("timeline"), entry => entry.Text("kind") == "ConsentGiven");
        Assert.Single(monitoring.Array("timeline"), entry => entry.Text("kind") == "FinancingAutoApproved");
        var emails = host.EmailsAbout(id);
        Assert.True(emails.Count >= emailsBefore);
        Assert.Equal(emails.Count, emails.Select(email => email.NotificationId).Distinct().Count()); // no email twice
        Assert.Null(await FindRowAsync(admin, id));
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    [Fact]
    public async Task A_restart_after_consent_hands_the_recorded_consent_to_the_workflow_and_asks_for_nothing_twice()
    {
        // Above the automatic limit: the workflow waits for the finance approver after consent.
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m));
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForEmailsAsync(id, emails => emails.Any(email => email.Is("FinancingDecisionRequested")), "the approver's email");
        await host.WaitForAsync(id, agreement => agreement.Kinds().Contains("FinancingRequested"), "the financing request");
        await host.Durable.TerminateInstanceAsync(id);
        await host.Durable.WaitForInstanceCompletionAsync(id);
        using var admin = Client(Administrator);

        using (var restarted = await admin.PostAsync($"{List}/{id}/restart", Json(new() { ["reason"] = "TransientFault" })))
        {
            Assert.Equal(HttpStatusCode.Accepted, restarted.StatusCode);
        }

        Assert.Equal("TransientFault:Start", Assert.Single((await host.GetAsync(id)).Array("timeline"), entry => entry.Text("kind") == "OperatorRestarted").Text("detail"));
        await Eventually.WaitForAsync(() => host.Durable.GetInstanceAsync(id), instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running, $"{id} to run again");

        // The consent is not asked for again: the financing decision goes through, and each step and email is there once.
        await host.StepAsync(id, "financing", Steps.Financing("approved", 45_000m));
        var moving = await host.WaitForStatusAsync(id, "AwaitingMove");
        Assert.Single(moving.Array("timeline"), entry => entry.Text("kind") == "ConsentGiven");
        Assert.Single(moving.Array("timeline"), entry => entry.Text("kind") == "FinancingRequested");
        var emails = host.EmailsAbout(id);
        Assert.Single(emails, email => email.Is("FinancingDecisionRequested"));
        Assert.Equal(emails.Count, emails.Select(email => email.NotificationId).Distinct().Count());
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    [Fact]
    public async Task A_restart_hands_the_new_workflow_a_financing_decision_the_lost_instance_received_and_never_acted_on()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m));
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForAsync(id, agreement => agreement.Kinds().Contains("FinancingRequested"), "the financing request");
        await host.Durable.TerminateInstanceAsync(id);
        await host.Durable.WaitForInstanceCompletionAsync(id);

        // The approver's decision stands and was handed to the instance, which was lost before it acted on it.
        var log = host.Services.GetRequiredService<Mobilitet.Workflows.Decisions.IDecisionLog>();
        var (decision, recorded) = await log.ClaimAsync(Mobilitet.Workflows.Hosting.Commands.DecisionCodec.Financing(id, approved: true, 45_000m, Roles.FinanceApprover, DateTimeOffset.UtcNow), CancellationToken.None);
        Assert.True(recorded);
        await log.MarkDeliveredAsync(decision, CancellationToken.None);
        using var admin = Client(Administrator);

        using (var restarted = await admin.PostAsync($"{List}/{id}/restart", Json(new() { ["reason"] = "TransientFault" })))
        {
            Assert.Equal(HttpStatusCode.Accepted, restarted.StatusCode);
        }

        // Nobody decides again (a repeat would not be delivered again): the new instance acts on the decision that stands.
        var moving = await host.WaitForStatusAsync(id, "AwaitingMove");
        Assert.Single(moving.Array("timeline"), entry => entry.Text("kind") == "FinancingApproved");
        Assert.Single(moving.Array("timeline"), entry => entry.Text("kind") == "ConsentGiven");
        Assert.Equal(45_000m, moving["financing"]!["approvedDkk"]!.GetValue<decimal>());
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    [Fact]
    public async Task A_running_workflow_with_no_progress_past_the_next_due_time_is_listed_as_stalled_and_a_restart_replaces_it()
    {
        // The read model waits for a move planned 20 days ago (a week's grace), and nothing has happened since before then;
        // the instance behind it waits for a move 30 days ahead (as if it had lost the date), so it never acts on it.
        var createdAt = DateTimeOffset.UtcNow.AddDays(-40);
        var id = await host.StoreWithoutOrchestrationAsync(agreement => agreement with
        {
            Status = AgreementStatus.AwaitingMove,
            CreatedAt = createdAt,
            LastChangedAt = createdAt,
            PlannedMoveDate = AgreementForms.Today.AddDays(-20),
        });
        var timeline = host.Services.GetRequiredService<Mobilitet.Workflows.Timeline.ITimeline>();
        foreach (var (kind, actor) in new[] { (Mobilitet.Workflows.Timeline.TimelineKind.ConsentGiven, Actors.Caseworker), (Mobilitet.Workflows.Timeline.TimelineKind.FinancingAutoApproved, Actors.System) })
        {
            await timeline.AppendAsync(id, new(createdAt.AddDays(1), kind, actor), CancellationToken.None);
        }

        var lost = new AgreementLifecycleInput(id, "standard-v1", createdAt.UtcDateTime, TimeSpan.FromDays(1), AgreementForms.Today.AddDays(30), 1, new LifecycleCheckpoint(LifecyclePhase.Move, null, null, [], [], [], 2));
        await host.Durable.ScheduleNewOrchestrationInstanceAsync(nameof(AgreementLifecycle), lost, new StartOrchestrationOptions { InstanceId = id });
        await Eventually.WaitForAsync(() => host.Durable.GetInstanceAsync(id), instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running, $"{id} to run");
        using var admin = Client(Administrator);

        var row = await RowAsync(admin, id);
        Assert.Equal("NoProgressPastDue", row.Text("reason"));
        Assert.Equal("Running", row.Text("engineStatus"));
        Assert.Equal(["Restart", "Terminate"], row.Array("actions").Select(action => action!.GetValue<string>()));

        using (var restarted = await admin.PostAsync($"{List}/{id}/restart", Json(new() { ["reason"] = "DefectFixed" })))
        {
            Assert.Equal(HttpStatusCode.Accepted, restarted.StatusCode);
        }

        // The new instance knows the planned date: the move is overdue, so it reminds at once — progress.
        await host.WaitForAsync(id, agreement => agreement.Kinds().Contains("MoveReminderSent"), "the overdue move's reminder");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Durable.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal("reason=DefectFixed;phase=Move", Assert.Single(await AuditAsync(id, AuditAction.OperatorRestarted)).Detail);
        Assert.Null(await FindRowAsync(admin, id));
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    [Fact]
    public async Task Others_get_403_bad_input_gets_4xx_and_nothing_changes()
    {
        var id = await FailedAsync();
        using var caseworker = Client(AarhusCaseworker);
        using var admin = Client(Administrator);

        using (var list = await caseworker.GetAsync(new Uri(List, UriKind.Relative)))
        {
            await AssertProblemAsync(list, HttpStatusCode.Forbidden, "administratorer");
        }

        foreach (var action in new[] { "retry", "restart", "terminate" })
        {
            using var refused = await caseworker.PostAsync($"{List}/{id}/{action}", Json(new() { ["reason"] = "Other", ["note"] = "x" }));
            await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "administratorer");
        }

        using (var unknown = await admin.PostAsync($"{List}/AFT-FINDESIKKE/restart", Json(new() { ["reason"] = "Other" })))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        foreach (var body in new JsonObject[] { new(), new() { ["reason"] = "Because" }, new() { ["reason"] = 7 } })
        {
            using var invalid = await admin.PostAsync($"{List}/{id}/restart", Json(body));
            await AssertProblemAsync(invalid, HttpStatusCode.BadRequest, null);
        }

        using (var notJson = await admin.PostAsync($"{List}/{id}/restart", new StringContent("reason=Other", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        }

        Assert.Equal("Failed", (await host.GetAsync(id)).Text("status"));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.Durable.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.DoesNotContain(await AuditDayAsync(), entry => entry.AgreementId == id && entry.Action is AuditAction.OperatorRetried or AuditAction.OperatorRestarted or AuditAction.OperatorTerminated);

        // A running agreement needs neither a retry nor a restart.
        var running = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));
        await Eventually.WaitForAsync(() => host.Durable.GetInstanceAsync(running), instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running, $"{running} to run");
        foreach (var action in new[] { "retry", "restart" })
        {
            using var refused = await admin.PostAsync($"{List}/{running}/{action}", Json(new() { ["reason"] = "Other" }));
            await AssertProblemAsync(refused, HttpStatusCode.Conflict, "Intet er ændret");
        }

        Assert.Equal("AwaitingConsent", (await host.GetAsync(running)).Text("status"));
        Assert.Null(await FindRowAsync(admin, running));
    }

    [Fact]
    public async Task The_Drift_page_lists_the_agreement_for_administrators_only_and_its_form_terminates_it()
    {
        var id = await FailedAsync();
        using var caseworker = new PageClient(host.Api.BaseAddress!, AarhusCaseworker);
        using (var forbidden = await caseworker.GetAsync("/drift"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Contains("Driftsværktøjerne kan kun bruges af administratorer.", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var admin = new PageClient(host.Api.BaseAddress!, Administrator);
        var (status, page) = await ListPagesTests.GetAsync(admin, "/drift");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Drift", page.QuerySelector("h1")!.Text());
        Assert.NotNull(page.QuerySelector("nav a[href='/drift']"));
        var section = page.GetElementById($"drift-{id}")!;
        Assert.Contains("Arbejdsgangen er fejlet", section.Text(), StringComparison.Ordinal);
        Assert.Contains("KeyNotFoundException", section.Text(), StringComparison.Ordinal);

        // Without a token: refused, nothing changes.
        using (var forged = await admin.PostFormAsync($"/drift/{id}/handling", [KeyValuePair.Create("action", "Terminate"), KeyValuePair.Create("reason", "Other"), KeyValuePair.Create("note", "x")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        // A terminate without its note comes back with the error by the field.
        using (var missing = await admin.SubmitAsync("/drift", $"/drift/{id}/handling", ("action", "Terminate"), ("reason", "NotToContinue"), ("note", "")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        }

        Assert.Equal("Failed", (await host.GetAsync(id)).Text("status"));

        using var done = await admin.SubmitAsync("/drift", $"/drift/{id}/handling", ("action", "Terminate"), ("reason", "NotToContinue"), ("note", "Stoppes efter aftale"));
        var after = await admin.FollowAsync(done);
        Assert.Contains("Handlingen er udført og skrevet i revisionsloggen.", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"drift-{id}", after, StringComparison.Ordinal);
        Assert.Equal("Cancelled", (await host.GetAsync(id)).Text("status"));
        Assert.Single(await AuditAsync(id, AuditAction.OperatorTerminated));
    }

    [Fact]
    public async Task Of_five_terminates_at_once_one_ends_the_agreement_and_the_others_change_nothing()
    {
        var id = await FailedAsync();
        using var admin = Client(Administrator);

        var answers = await Task.WhenAll(Enumerable.Range(1, 5).Select(async n =>
        {
            using var response = await admin.PostAsync($"{List}/{id}/terminate", Json(new() { ["reason"] = "NotToContinue", ["note"] = $"Stoppes ({n})" }));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.Accepted);
        Assert.All(answers.Where(answer => answer.StatusCode != HttpStatusCode.Accepted), answer =>
        {
            Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
            Assert.Contains("Intet er ændret", answer.Body, StringComparison.Ordinal);
        });
        var ended = await host.GetAsync(id);
        Assert.Equal("Cancelled", ended.Text("status"));
        Assert.Single(ended.Array("timeline"), entry => entry.Text("kind") == "OperatorTerminated");
        Assert.Single(await AuditAsync(id, AuditAction.OperatorTerminated));
        Assert.Matches(@"^Stoppes \([1-5]\)$", (await host.Services.GetRequiredService<IPersonalDataVault>().FindAsync(id, CancellationToken.None))!.StopReason);
    }

    [Fact]
    public async Task Of_five_restarts_at_once_one_starts_the_workflow_and_the_others_change_nothing()
    {
        var id = await FailedAsync();
        var failedAt = (await Agreements.FindAsync(id, CancellationToken.None))!.LastChangedAt;
        await Agreements.UpdateAsync(id, failedAt, agreement => agreement with { PolicyName = "standard-v1" }, CancellationToken.None);
        using var admin = Client(Administrator);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var response = await admin.PostAsync($"{List}/{id}/restart", Json(new() { ["reason"] = "DataCorrected" }));
            return response.StatusCode;
        }));

        Assert.Equal(1, answers.Count(status => status == HttpStatusCode.Accepted));
        Assert.All(answers.Where(status => status != HttpStatusCode.Accepted), status => Assert.Equal(HttpStatusCode.Conflict, status));
        await Eventually.WaitForAsync(() => host.Durable.GetInstanceAsync(id), instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running, $"{id} to run again");

        // The restart that won stands: the workflow waits for consent, and no refused restart set the status back.
        var waiting = await host.WaitForStatusAsync(id, "AwaitingConsent");
        Assert.Single(waiting.Array("timeline"), entry => entry.Text("kind") == "OperatorRestarted");
        Assert.Single(await AuditAsync(id, AuditAction.OperatorRestarted));
        Assert.Equal("AwaitingConsent", (await host.GetAsync(id)).Text("status"));
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForStatusAsync(id, "AwaitingMove");
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    [Fact]
    public async Task Terminating_an_agreement_after_its_move_settles_its_financing_on_what_was_measured()
    {
        var id = await host.UpToMoveAsync(AgreementForms.Today.AddDays(30));
        await host.StepAsync(id, "move", Steps.Move(AgreementForms.Today));
        await host.WaitForStatusAsync(id, "Monitoring");
        using var admin = Client(Administrator);

        using (var terminated = await admin.PostAsync($"{List}/{id}/terminate", Json(new() { ["reason"] = "NotToContinue", ["note"] = "Borgeren er flyttet igen" })))
        {
            Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        }

        // Nothing measured yet (M3 is months away at a day of an hour): the grant is written off in full.
        var ended = await host.GetAsync(id);
        Assert.Equal("Cancelled", ended.Text("status"));
        var settlement = ended["financing"]!["settlement"]!;
        Assert.Equal(0, settlement["monthsSettled"]!.GetValue<int>());
        Assert.Equal(0m, settlement["realisedGainDkk"]!.GetValue<decimal>());
        var report = await host.Services.GetRequiredService<Mobilitet.Workflows.Documents.IDocumentStore>()
            .ReadJsonAsync<Mobilitet.Workflows.Financing.SettlementReport>(id, Mobilitet.Workflows.Documents.DocumentNames.Settlement, CancellationToken.None);
        Assert.Equal(AgreementStatus.Cancelled, report!.EndedAs);
        Assert.True(report.Settlement.FinancedDkk > 0m);
        Assert.Equal(report.Settlement.FinancedDkk, settlement["writtenOffDkk"]!.GetValue<decimal>());
        Assert.Single(ended.Kinds(), kind => kind == "FinancingSettled");
    }

    /// <summary>An agreement pinned to a policy this version does not know (as a deploy that removed it would leave): its workflow fails at once.</summary>
    private async Task<string> FailedAsync()
    {
        var id = await host.StartStoredAsync(agreement => agreement with { PolicyName = "standard-v0" });
        await host.WaitForStatusAsync(id, "Failed");
        await Eventually.WaitForAsync(() => host.Durable.GetInstanceAsync(id), instance => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Failed, $"{id} to fail in the engine");
        return id;
    }

    private HttpClient Client(string principal) => new HttpClient { BaseAddress = host.Api.BaseAddress }.SignedInAs(principal);

    private static JsonContent Json(JsonObject body) => JsonContent.Create(body);

    private static async Task<JsonNode?> FindRowAsync(HttpClient admin, string id)
    {
        using var response = await admin.GetAsync(new Uri(List, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().FirstOrDefault(row => row!.Text("agreementId") == id);
    }

    private static async Task<JsonNode> RowAsync(HttpClient admin, string id) =>
        await FindRowAsync(admin, id) ?? throw new Xunit.Sdk.XunitException($"{id} is not on the operators' list");

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? detailContains)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, problem.Text("detail"), StringComparison.Ordinal);
        }

        return problem;
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string id, AuditAction action) =>
        [.. (await AuditDayAsync()).Where(entry => entry.AgreementId == id && entry.Action == action)];

    // Today's and yesterday's (UTC) entries: a test may run across midnight.
    private async Task<IReadOnlyList<AuditEntry>> AuditDayAsync()
    {
        var log = host.Services.GetRequiredService<IAuditLog>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return [.. await log.ListAsync(today, CancellationToken.None), .. await log.ListAsync(today.AddDays(-1), CancellationToken.None)];
    }
}
