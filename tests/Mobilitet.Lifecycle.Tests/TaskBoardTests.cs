using System.Net;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Activities;

namespace Mobilitet.Lifecycle.Tests;

public sealed class CaseworkerTaskTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Fact]
    public async Task Tasks_open_and_close_as_an_agreement_goes_through_consent_the_move_missing_data_and_its_escalation_and_a_cancellation_leaves_none()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), policy: TestPolicies.UnhurriedPeople.Name));
        var expiresAfterDays = TestPolicies.UnhurriedPeople.Consent.ExpiresAfterDays;

        // Consent: the caseworker's task from the start, due when consent expires.
        var consent = Assert.Single(await host.WaitForTasksAsync(id, tasks => tasks.Count == 1, "the consent task"));
        var created = await host.WaitForRecordAsync(id, a => a.NeedsAction, "the agreement to need action");
        Assert.Equal((TaskKind.ConsentToRecord, Roles.Caseworker, TaskViews.Municipality), (consent.Kind, consent.Role, consent.MunicipalityCode));
        Assert.Equal(DanishCalendar.DateOf(created.CreatedAt.UtcDateTime).AddDays(expiresAfterDays), consent.DueDate);
        Assert.Equal(new DateTimeOffset(created.Clock!.Value.After(created.CreatedAt.UtcDateTime, expiresAfterDays)), consent.DueAt);
        Assert.Contains(consent, await host.BoardAsync(Roles.Caseworker));
        Assert.Equal((true, consent.DueAt), (created.NeedsAction, created.NextDueAt));
        Assert.True(await host.ListedAsNeedingActionAsync(id));

        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForStatusAsync(id, "AwaitingMove");
        Assert.DoesNotContain(await host.TasksOfAsync(id), task => task.Kind == TaskKind.ConsentToRecord);
        Assert.Equal(created.PlannedMoveAt, (await host.RecordAsync(id)).NextDueAt);

        // The move: a task once the planned date has come (3 s here), due that date.
        var move = Assert.Single(
            await host.WaitForTasksAsync(id, tasks => tasks.Any(task => task.Kind == TaskKind.MoveToRecord), "the move task"),
            task => task.Kind == TaskKind.MoveToRecord);
        Assert.Equal((Roles.Caseworker, AgreementForms.Today.AddDays(30), created.PlannedMoveAt), (move.Role, move.DueDate, move.DueAt));
        await host.WaitForRecordAsync(id, a => a.NeedsAction, "the move to need action");

        await host.StepAsync(id, "move", Steps.Move(AgreementForms.Today));
        await host.WaitForStatusAsync(id, "Monitoring");
        await host.WaitForTasksAsync(id, tasks => tasks.Count == 0, "the move task (and any move escalation) to close");
        var monitoring = await host.WaitForRecordAsync(id, a => !a.NeedsAction, "the agreement to need no action");
        Assert.Equal(monitoring.DueAt(Milestone.M3), monitoring.NextDueAt);

        // M3 without data: the caseworker's task, due when it escalates; then the supervisor's.
        var tasks = await host.WaitForTasksAsync(
            id,
            tasks => tasks.Any(task => task.Kind == TaskKind.EscalationToDecide) && tasks.Any(task => task.Kind == TaskKind.MeasurementDataMissing),
            "the missing-data task and its escalation's task",
            Deadlines.ThroughM36);
        var data = Assert.Single(tasks, task => task.Kind == TaskKind.MeasurementDataMissing);
        var escalation = Assert.Single(tasks, task => task.Kind == TaskKind.EscalationToDecide);
        Assert.Equal((Roles.Caseworker, Milestone.M3), (data.Role, data.Milestone));
        Assert.Equal((Roles.Supervisor, $"{id}-esc-m3-data", Milestone.M3), (escalation.Role, escalation.EscalationId, escalation.Milestone));
        Assert.InRange(escalation.Level!.Value, 1, 2);
        Assert.Contains(await host.BoardAsync(Roles.Supervisor), task => task.EscalationId == escalation.EscalationId);
        await host.WaitForRecordAsync(id, a => a.NextDueAt == data.DueAt && a.NeedsAction, "the data task's due date to be next");

        await host.StepAsync(id, "measurements", AgreementForms.OnTrack("M3"));
        await host.WaitForTasksAsync(id, tasks => tasks.Count == 0, "the late data to close both tasks", Deadlines.ThroughM36);
        Assert.DoesNotContain(await host.BoardAsync(Roles.Supervisor), task => task.AgreementId == id);
        var measured = await host.WaitForRecordAsync(id, a => !a.NeedsAction, "the agreement to need no action", Deadlines.ThroughM36);
        Assert.Equal(measured.DueAt(Milestone.M12), measured.NextDueAt);

        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
        var cancelled = await host.WaitForRecordAsync(id, a => a.Status == AgreementStatus.Cancelled, "the cancellation in the read model");
        Assert.Empty(await host.TasksOfAsync(id));
        Assert.Equal((false, null, 0), (cancelled.NeedsAction, cancelled.NextDueAt, cancelled.OpenTaskCount));
        Assert.False(await host.ListedAsNeedingActionAsync(id));

        host.AssertNoPersonalDataReachedTheEngineOrLogs(id);
    }

    [Fact]
    public async Task An_agreement_cancelled_or_withdrawn_while_consent_is_awaited_has_no_open_task()
    {
        // At a real day, so their consent cannot expire before the test's steps.
        var cancelled = await host.StartStoredAsync();
        var withdrawn = await host.StartStoredAsync();
        await host.WaitForTasksAsync(cancelled, tasks => tasks.Count == 1, "the consent task");
        await host.WaitForTasksAsync(withdrawn, tasks => tasks.Count == 1, "the consent task");

        await host.StepAsync(cancelled, "cancel", Steps.Cancel("Borgeren er flyttet"));
        await host.StepAsync(withdrawn, "withdraw-consent");

        await host.WaitForStatusAsync(cancelled, "Cancelled");
        await host.WaitForAsync(withdrawn, a => a.Kinds().Contains("PersonalDataErased"), "withdrawal and erasure");
        foreach (var id in new[] { cancelled, withdrawn })
        {
            Assert.Empty(await host.TasksOfAsync(id));
            Assert.DoesNotContain(await host.BoardAsync(Roles.Caseworker), task => task.AgreementId == id);
            Assert.Equal((false, 0), ((await host.RecordAsync(id)).NeedsAction, (await host.RecordAsync(id)).OpenTaskCount));
        }
    }
}

public sealed class FinancingTaskTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Fact]
    public async Task A_financing_decision_is_the_approvers_task_its_escalation_the_supervisors_and_each_closes_with_its_decision()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m));
        await host.StepAsync(id, "consent", Steps.Consent("given"));

        var financing = Assert.Single(
            await host.WaitForTasksAsync(id, tasks => tasks.Any(task => task.Kind == TaskKind.FinancingToDecide), "the financing task"),
            task => task.Kind == TaskKind.FinancingToDecide);
        Assert.Equal(Roles.FinanceApprover, financing.Role);
        Assert.Contains(await host.BoardAsync(Roles.FinanceApprover), task => task.AgreementId == id);
        Assert.DoesNotContain(await host.BoardAsync(Roles.Caseworker), task => task.AgreementId == id);

        // Ten policy days (1 s) without a decision: escalated; the supervisor's task is due at the level's deadline,
        // and the financing task stays open (overdue) until the approver decides.
        var escalation = Assert.Single(
            await host.WaitForTasksAsync(id, tasks => tasks.Any(task => task.Kind == TaskKind.EscalationToDecide), "the escalation task"),
            task => task.Kind == TaskKind.EscalationToDecide);
        Assert.Equal((Roles.Supervisor, $"{id}-esc-financing"), (escalation.Role, escalation.EscalationId));
        Assert.Contains(escalation.Level, new int?[] { 1, 2 });

        var email = (await host.WaitForEmailsAsync(id, e => e.Any(x => x.Is("EscalationRaised")), "the escalation email")).First(e => e.Is("EscalationRaised"));
        using (var decided = await host.PostAsync($"/api/escalations/{escalation.EscalationId}/decision", new JsonObject { ["decision"] = "acknowledged", ["token"] = await host.Services.RenewedDecisionTokenAsync(email) }))
        {
            Assert.Equal(HttpStatusCode.Accepted, decided.StatusCode);
        }

        var left = Assert.Single(await host.WaitForTasksAsync(id, tasks => tasks.All(task => task.Kind != TaskKind.EscalationToDecide), "the decided escalation's task to close"));
        Assert.Equal(financing, left);
        await host.WaitForRecordAsync(id, a => a.NextDueAt == financing.DueAt && a.OpenTaskCount == 1, "the financing task alone to be due");

        await host.StepAsync(id, "financing", Steps.Financing("approved", 45_000m));
        await host.WaitForStatusAsync(id, "AwaitingMove");
        await host.WaitForTasksAsync(id, tasks => tasks.All(task => task.Kind != TaskKind.FinancingToDecide), "the financing task to close");
        Assert.DoesNotContain(await host.BoardAsync(Roles.FinanceApprover), task => task.AgreementId == id);

        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
        await host.WaitForTasksAsync(id, tasks => tasks.Count == 0, "no open task after the cancellation");
        host.AssertNoPersonalDataReachedTheEngineOrLogs(id);
    }
}

/// <summary>
/// Agreements started before the task board (version 1.0) run on as they did: their replay schedules
/// no task activity and no extra timer, and they get no tasks.
/// </summary>
public sealed class VersionOneAgreementTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Fact]
    public async Task An_agreement_of_version_1_0_keeps_its_old_schedule_and_gets_no_tasks()
    {
        // Real-length days: no timer fires during the test, only people's steps move the agreements.
        var old = await StartAsync(WorkflowVersions.V1);
        var current = await StartAsync(WorkflowVersions.Current);
        await host.WaitForTasksAsync(current, tasks => tasks.Count == 1, "the 1.1 agreement's consent task");

        foreach (var id in new[] { old, current })
        {
            await host.StepAsync(id, "consent", Steps.Consent("given"));
            await host.WaitForStatusAsync(id, "AwaitingMove");
            await host.StepAsync(id, "move", Steps.Move(AgreementForms.Today));
            await host.WaitForStatusAsync(id, "Monitoring");
            await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
            await host.WaitForStatusAsync(id, "Cancelled");
        }

        Assert.Equal(WorkflowVersions.V1, (await host.Durable.GetInstanceAsync(old, getInputsAndOutputs: true))!.ReadCustomStatusAs<LifecycleStatus>()!.Version);
        Assert.Equal(WorkflowVersions.Current, (await host.Durable.GetInstanceAsync(current, getInputsAndOutputs: true))!.ReadCustomStatusAs<LifecycleStatus>()!.Version);
        // What 1.0 schedules on this path, exactly as before the task board; 1.1 on adds its task calls and the planned-date timer, 1.5 the settlement.
        var (oldActivities, oldTimers) = ScheduleOf(old);
        var (currentActivities, currentTimers) = ScheduleOf(current);
        Assert.Equal(["RecordProgress", "AssessFinancing", "RecordFinancingDecision", "RecordProgress", "RecordMove", "RecordProgress", "RecordProgress"], oldActivities);
        Assert.Equal(3, oldTimers); // consent, the move reminder, M3
        Assert.Equal(
            [nameof(OpenTask), nameof(CloseTasks), "RecordProgress", "AssessFinancing", "RecordFinancingDecision", "RecordProgress", "RecordMove", "RecordProgress", nameof(CloseTasks), nameof(SettleFinancing), "RecordProgress"],
            currentActivities); // 1.5 settles the financing of an agreement cancelled after its move
        Assert.Equal(3, currentTimers); // consent, the planned move date, M3
        Assert.Empty(await host.TasksOfAsync(old));
        Assert.Empty(await host.TasksOfAsync(current));
        Assert.Equal(0, (await host.RecordAsync(old)).OpenTaskCount);
    }

    /// <summary>
    /// The activities the orchestration ran, in order, and how many timers it created — from the Durable
    /// Task worker's own log lines (the in-memory engine serves no history to the client).
    /// </summary>
    private (List<string> Activities, int Timers) ScheduleOf(string id)
    {
        var started = new System.Text.RegularExpressions.Regex($"^Information Microsoft\\.DurableTask\\.Worker\\.Activities: '(?<name>\\w+)' activity of orchestration ID '{id}' started\\.");
        var sent = new System.Text.RegularExpressions.Regex($"^Debug Microsoft\\.DurableTask\\.Worker\\.Grpc: {id}: Sending \\d+ action\\(s\\) \\[(?<actions>[^\\]]*)\\]");
        var lines = host.Logs.Lines;
        var activities = lines.Select(line => started.Match(line)).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToList();
        var timers = lines.Select(line => sent.Match(line)).Where(m => m.Success)
            .Sum(m => m.Groups["actions"].Value.Split(", ").Count(action => action == "CreateTimer"));
        return (activities, timers);
    }

    private async Task<string> StartAsync(string version)
    {
        var id = await host.StoreWithoutOrchestrationAsync(agreement => agreement with { DayLength = TimeSpan.FromDays(1), SupervisorLevels = 2 });
        var agreement = await host.RecordAsync(id);
        await host.Durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(AgreementLifecycle),
            new AgreementLifecycleInput(id, agreement.PolicyName, agreement.CreatedAt.UtcDateTime, agreement.DayLength, agreement.PlannedMoveDate, agreement.SupervisorLevels),
            new StartOrchestrationOptions { InstanceId = id, Version = version });
        return id;
    }
}
