using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mobilitet.Local.Engine;

namespace Mobilitet.Local.Tests.Engine;

/// <summary>
/// Starting an instance whose id is taken, with dedupe statuses, fails at the client on both
/// engines; the Azure Storage provider by itself would return the id and silently start nothing.
/// </summary>
public sealed class DedupeTests
{
    [Theory]
    [InlineData(EngineProvider.InMemory)]
    [InlineData(EngineProvider.AzureStorage)]
    public async Task A_second_start_with_a_taken_id_throws_and_leaves_the_first_instance_alone(EngineProvider provider)
    {
        await using var engine = await EngineHost.StartAsync(provider, registry => registry.AddOrchestrator<WaitingOrchestrator>());
        var id = "dedupe-" + Guid.NewGuid().ToString("N");
        var options = new StartOrchestrationOptions { InstanceId = id }.WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]);

        Assert.Equal(id, await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitingOrchestrator), "first", options));
        var running = await engine.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitingOrchestrator), "second", options));

        var untouched = await engine.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.NotNull(untouched);
        Assert.Equal(OrchestrationRuntimeStatus.Running, untouched.RuntimeStatus);
        Assert.Equal(running.CreatedAt, untouched.CreatedAt);
        Assert.Equal("first", untouched.ReadInputAs<string>());

        await engine.Client.RaiseEventAsync(id, WaitingOrchestrator.Proceed);
        var completed = await engine.WaitForFinishAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal("first", completed.ReadOutputAs<string>());

        // A finished instance is no more replaceable than a running one.
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitingOrchestrator), "third", options));
        Assert.Equal("first", (await engine.Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.ReadOutputAs<string>());
    }

    private sealed class WaitingOrchestrator : TaskOrchestrator<string, string>
    {
        public const string Proceed = nameof(Proceed);

        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            await context.WaitForExternalEvent<object?>(Proceed);
            return input;
        }
    }
}
