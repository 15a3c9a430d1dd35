using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Functions.Activities;
using Mobilitet.Workflows.Agreements;
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
        timeline.Verify(t => t.AppendAsync("fa-0123456789abcdef0123", new TimelineEntry(new DateTimeOffset(at), TimelineKind.MoveRecorded, "caseworker", null), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public void The_activity_context_carries_the_name_and_instance()
    {
        var context = new FunctionActivityContext("RecordMove", "fa-1");

        Assert.Equal("RecordMove", context.Name.Name);
        Assert.Equal("fa-1", context.InstanceId);
    }
}
