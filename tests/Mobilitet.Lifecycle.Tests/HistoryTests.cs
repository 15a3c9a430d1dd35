using System.Globalization;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Workflow;
using Xunit.Abstractions;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// How much history an agreement's orchestration replays over a whole lifecycle at real policy durations:
/// the day is compressed, and so is the worker's MaximumTimerInterval, so every long wait is split into as
/// many chained timers as it would be in 36 real months. The bound is a count of events, not a time.
/// </summary>
[WaitsMinutes]
public sealed class HistoryTests(RealTimerSplitsHost host, ITestOutputHelper output) : IClassFixture<RealTimerSplitsHost>
{
    /// <summary>What one generation (execution) of an orchestration may replay.</summary>
    public const int MaxEventsPerGeneration = 200;

    [Fact]
    public async Task No_generation_of_a_36_month_lifecycle_replays_more_than_200_history_events()
    {
        // Version 1.2 (bounded history), started as a deploy that makes it the default would; the planned move
        // a month ahead, so the move step waits for it as it would in real life.
        var id = await host.StoreWithoutOrchestrationAsync(agreement => agreement with { DayLength = RealTimerSplitsHost.Day, PolicyName = TestPolicies.UnhurriedPeopleV1.Name });
        var agreement = await host.RecordAsync(id);
        await host.Durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(AgreementLifecycle),
            new AgreementLifecycleInput(id, agreement.PolicyName, agreement.CreatedAt.UtcDateTime, agreement.DayLength, agreement.PlannedMoveDate, agreement.SupervisorLevels),
            new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = id, Version = WorkflowVersions.Generations });
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForStatusAsync(id, "AwaitingMove");
        await host.WaitForTasksAsync(id, tasks => tasks.Any(task => task.Kind == Mobilitet.Workflows.Tasks.TaskKind.MoveToRecord), "the planned move date to come");
        await host.StepAsync(id, "move", Steps.Move(await host.PolicyTodayAsync(id)));
        await host.WaitForStatusAsync(id, "Monitoring");

        // Recorded before they fall due: each is used when its milestone comes.
        foreach (var milestone in new[] { "M3", "M12", "M36" })
        {
            await host.StepAsync(id, "measurements", AgreementForms.OnTrack(milestone));
        }

        var completed = await host.WaitForStatusAsync(id, "Completed", Deadlines.ThroughM36);
        Assert.Equal(3, completed.Kinds().Count(kind => kind == "MilestoneMeasured"));

        var generations = host.History.GenerationsOf(id);
        output.WriteLine($"day {RealTimerSplitsHost.Day.TotalMilliseconds} ms, MaximumTimerInterval {RealTimerSplitsHost.TimerIntervalDays} policy days");
        foreach (var generation in generations)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{generation.Name} {generation.Version} execution {generation.ExecutionId}: {generation.ReplayedEvents} events, {generation.Episodes} episodes"));
        }

        Assert.True(generations.Count > 1);
        Assert.All(generations, generation => Assert.Equal(WorkflowVersions.Generations, generation.Version));
        Assert.All(generations, generation => Assert.True(
            generation.ReplayedEvents <= MaxEventsPerGeneration,
            $"execution {generation.ExecutionId} replayed {generation.ReplayedEvents} events"));
        host.AssertNoPersonalDataReachedTheEngineOrLogs(id);
    }
}

/// <summary>
/// Agreements started before the bounded history (1.1) keep running their whole lifecycle in one history
/// on the 1.2 worker, exactly as they were started, and complete.
/// </summary>
[WaitsMinutes]
public sealed class VersionOneOneAgreementTests(RealTimerSplitsHost host, ITestOutputHelper output) : IClassFixture<RealTimerSplitsHost>
{
    [Fact]
    public async Task An_agreement_started_on_1_1_completes_on_its_one_history_path_after_the_upgrade()
    {
        var id = await host.StoreWithoutOrchestrationAsync(agreement => agreement with { DayLength = RealTimerSplitsHost.Day, PolicyName = TestPolicies.UnhurriedPeopleV1.Name });
        var agreement = await host.RecordAsync(id);
        await host.Durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(AgreementLifecycle),
            new AgreementLifecycleInput(id, agreement.PolicyName, agreement.CreatedAt.UtcDateTime, agreement.DayLength, agreement.PlannedMoveDate, agreement.SupervisorLevels),
            new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = id, Version = WorkflowVersions.TaskBoard });

        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForStatusAsync(id, "AwaitingMove");
        await host.StepAsync(id, "move", Steps.Move(await host.PolicyTodayAsync(id)));
        await host.WaitForStatusAsync(id, "Monitoring");
        foreach (var milestone in new[] { "M3", "M12", "M36" })
        {
            await host.StepAsync(id, "measurements", AgreementForms.OnTrack(milestone));
        }

        var completed = await host.WaitForStatusAsync(id, "Completed", Deadlines.ThroughM36);
        Assert.Equal(3, completed.Kinds().Count(kind => kind == "MilestoneMeasured"));
        Assert.Equal(WorkflowVersions.TaskBoard, (await host.Durable.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadCustomStatusAs<LifecycleStatus>()!.Version);

        // One generation, with the years of chained timers the old path accumulates.
        var generation = Assert.Single(host.History.GenerationsOf(id));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{generation.Name} {generation.Version}: {generation.ReplayedEvents} events, {generation.Episodes} episodes"));
        Assert.Equal(WorkflowVersions.TaskBoard, generation.Version);
        Assert.True(generation.ReplayedEvents > HistoryTests.MaxEventsPerGeneration, $"{generation.ReplayedEvents} events");
    }
}
