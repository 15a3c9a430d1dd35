using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Functions.Activities;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow.Activities;
using Moq;

namespace Mobilitet.Functions.Tests.Activities;

public sealed class ActivityFunctionsTests
{
    [Fact]
    public async Task An_activity_trigger_runs_the_activity_class_from_di_with_its_input()
    {
        var agreements = new Mock<IAgreementRepository>();
        var timeline = new Mock<ITimeline>();
        var services = new ServiceCollection()
            .AddSingleton(agreements.Object)
            .AddSingleton(timeline.Object)
            .AddTransient<RecordProgress>()
            .BuildServiceProvider();
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InstanceServices).Returns(services);
        var at = new DateTime(2027, 3, 1, 8, 0, 0, DateTimeKind.Utc);

        var result = await ActivityFunctions.RunRecordProgress(
            new ProgressInput("fa-0123456789abcdef0123", at, TimelineKind.MoveRecorded, "caseworker", AgreementStatus.Monitoring),
            "fa-0123456789abcdef0123",
            context.Object);

        Assert.True(result);
        agreements.Verify(a => a.UpdateAsync("fa-0123456789abcdef0123", new DateTimeOffset(at), It.IsAny<Func<AgreementRecord, AgreementRecord>>(), It.IsAny<CancellationToken>()));
        timeline.Verify(t => t.AppendStepOnceAsync("fa-0123456789abcdef0123", new TimelineEntry(new DateTimeOffset(at), TimelineKind.MoveRecorded, "caseworker", null), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public void The_activity_context_carries_the_name_and_instance()
    {
        var context = new FunctionActivityContext("RecordMove", "fa-1");

        Assert.Equal("RecordMove", context.Name.Name);
        Assert.Equal("fa-1", context.InstanceId);
    }
}

/// <summary>
/// From workflow 1.2 the Functions app starts escalations from an activity with its [DurableClient] binding;
/// the client is the engine's, so Moq stands in for it here (the local host runs the same starter for real).
/// </summary>
public sealed class StartEscalationFunctionTests
{
    private static readonly EscalationStart Start = new(
        new EscalationInput("esc-fa-0123456789abcdef0123-m3", "fa-0123456789abcdef0123", EscalationReason.MeasurementDataMissing, "M3", null, 2, 14, new PolicyClock(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(1))),
        "1.2");

    [Fact]
    public async Task The_activity_starts_the_escalation_orchestration_under_its_id_and_the_agreements_version()
    {
        var client = new Mock<DurableTaskClient>("test");
        client.Setup(c => c.GetInstanceAsync(Start.Escalation.EscalationId, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Start.Escalation.EscalationId);

        Assert.True(await ActivityFunctions.RunStartEscalation(Start, "fa-0123456789abcdef0123", client.Object));

        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            new TaskName(nameof(EscalationWorkflow)),
            Start.Escalation,
            It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == Start.Escalation.EscalationId && o.Version == "1.2"),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_retried_activity_leaves_the_escalation_it_already_started()
    {
        var client = new Mock<DurableTaskClient>("test");
        client.Setup(c => c.GetInstanceAsync(Start.Escalation.EscalationId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(nameof(EscalationWorkflow), Start.Escalation.EscalationId));

        Assert.True(await ActivityFunctions.RunStartEscalation(Start, "fa-0123456789abcdef0123", client.Object));

        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
