using DurableTask.Core;
using DurableTask.Core.History;
using Mobilitet.Local.Engine;
using Moq;

namespace Mobilitet.Local.Tests.Engine;

/// <summary>
/// The sidecar waits for an activity's result by instance id and task id alone, and task ids start again in each
/// generation (continue-as-new), so <see cref="OrchestrationServiceProxy"/> never hands it two running activities under
/// one such key: the second is put back with the provider and runs once the first has finished. (Found by the crash storm:
/// an earlier generation's activity came back after a kill and left the next generation's activity unanswered for good.)
/// </summary>
public sealed class OneActivityPerTaskIdTests
{
    private readonly Mock<IOrchestrationService> provider = new();
    private readonly IOrchestrationService service;

    public OneActivityPerTaskIdTests()
    {
        provider.Setup(p => p.CompleteTaskActivityWorkItemAsync(It.IsAny<TaskActivityWorkItem>(), It.IsAny<TaskMessage>())).Returns(Task.CompletedTask);
        provider.Setup(p => p.AbandonTaskActivityWorkItemAsync(It.IsAny<TaskActivityWorkItem>())).Returns(Task.CompletedTask);
        service = OrchestrationServiceProxy.Wrap(provider.Object, maxOrchestrations: 10, maxActivities: 10).Service;
    }

    [Fact]
    public async Task A_second_activity_under_a_running_ones_instance_and_task_id_waits_until_the_first_is_completed()
    {
        var earlier = Activity("m1", "fa-1", execution: "gen-1", taskId: 0);
        var later = Activity("m2", "fa-1", execution: "gen-2", taskId: 0);
        provider.SetupSequence(p => p.LockNextTaskActivityWorkItem(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(earlier).ReturnsAsync(later).ReturnsAsync(later);

        Assert.Same(earlier, await LockAsync());
        Assert.Null(await LockAsync());
        provider.Verify(p => p.AbandonTaskActivityWorkItemAsync(later), Times.Once);

        await service.CompleteTaskActivityWorkItemAsync(earlier, new TaskMessage());
        Assert.Same(later, await LockAsync());
        provider.Verify(p => p.AbandonTaskActivityWorkItemAsync(It.IsAny<TaskActivityWorkItem>()), Times.Once);
    }

    [Fact]
    public async Task An_abandoned_activity_frees_its_key_and_a_held_back_ones_abandon_does_not_free_the_running_ones()
    {
        var running = Activity("m1", "fa-1", execution: "gen-1", taskId: 3);
        var heldBack = Activity("m2", "fa-1", execution: "gen-2", taskId: 3);
        provider.SetupSequence(p => p.LockNextTaskActivityWorkItem(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(running).ReturnsAsync(heldBack).ReturnsAsync(heldBack).ReturnsAsync(heldBack);

        Assert.Same(running, await LockAsync());
        Assert.Null(await LockAsync());

        // The sidecar abandoning the held-back item (as after a failed run) leaves the running one's key taken.
        await service.AbandonTaskActivityWorkItemAsync(heldBack);
        Assert.Null(await LockAsync());

        await service.AbandonTaskActivityWorkItemAsync(running);
        Assert.Same(heldBack, await LockAsync());
    }

    [Fact]
    public async Task Activities_of_other_task_ids_or_instances_run_side_by_side()
    {
        var first = Activity("m1", "fa-1", execution: "gen-1", taskId: 0);
        var otherTask = Activity("m2", "fa-1", execution: "gen-1", taskId: 1);
        var otherInstance = Activity("m3", "fa-2", execution: "gen-1", taskId: 0);
        provider.SetupSequence(p => p.LockNextTaskActivityWorkItem(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(first).ReturnsAsync(otherTask).ReturnsAsync(otherInstance);

        Assert.Equal([first, otherTask, otherInstance], [await LockAsync(), await LockAsync(), await LockAsync()]);
        provider.Verify(p => p.AbandonTaskActivityWorkItemAsync(It.IsAny<TaskActivityWorkItem>()), Times.Never);
    }

    private Task<TaskActivityWorkItem> LockAsync() => service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(1), CancellationToken.None);

    private static TaskActivityWorkItem Activity(string messageId, string instanceId, string execution, int taskId) => new()
    {
        Id = messageId,
        TaskMessage = new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = execution },
            Event = new TaskScheduledEvent(taskId, "SettleFinancing"),
        },
    };
}
