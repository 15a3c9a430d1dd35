using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mobilitet.Local.Engine;

namespace Mobilitet.Local.Tests.Engine;

/// <summary>
/// A failed orchestration tells the client why, on the persistent engine as on the in-memory one:
/// the Azure Storage provider keeps no failure details in its instance table.
/// </summary>
public sealed class FailureDetailsTests
{
    private const string OrchestratorMessage = "the orchestrator broke";
    private const string ActivityMessage = "the activity broke";

    [Theory]
    [InlineData(EngineProvider.InMemory)]
    [InlineData(EngineProvider.AzureStorage)]
    public async Task An_orchestrator_exception_reaches_the_client_with_its_type_and_message(EngineProvider provider)
    {
        await using var engine = await EngineHost.StartAsync(provider, Register);

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ThrowingOrchestrator));

        var failed = await engine.WaitForFinishAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.NotNull(failed.FailureDetails);
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.FailureDetails.ErrorType);
        Assert.Equal(OrchestratorMessage, failed.FailureDetails.ErrorMessage);

        // The output is what the orchestration completed with, not the provider's "type: message".
        Assert.Equal(OrchestratorMessage, failed.SerializedOutput);

        var waited = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        Assert.Equal(failed.FailureDetails.ErrorType, waited.FailureDetails?.ErrorType);
        Assert.Equal(failed.FailureDetails.ErrorMessage, waited.FailureDetails?.ErrorMessage);

        // The sidecar's query answer has no failure details on either engine; its output agrees.
        var found = new List<OrchestrationMetadata>();
        await foreach (var instance in engine.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = id, FetchInputsAndOutputs = true }))
        {
            found.Add(instance);
        }

        var queried = Assert.Single(found);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, queried.RuntimeStatus);
        Assert.Equal(OrchestratorMessage, queried.SerializedOutput);
    }

    [Theory]
    [InlineData(EngineProvider.InMemory)]
    [InlineData(EngineProvider.AzureStorage)]
    public async Task An_uncaught_activity_failure_reaches_the_client_as_a_task_failure_with_the_activity_failure_inside(EngineProvider provider)
    {
        await using var engine = await EngineHost.StartAsync(provider, Register);

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(OrchestratorOfAFailingActivity));

        var failed = await engine.WaitForFinishAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.NotNull(failed.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, failed.FailureDetails.ErrorType);
        Assert.Contains(nameof(FailingActivity), failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(failed.FailureDetails.InnerFailure);
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.FailureDetails.InnerFailure.ErrorType);
        Assert.Equal(ActivityMessage, failed.FailureDetails.InnerFailure.ErrorMessage);
        Assert.True(failed.FailureDetails.IsCausedBy<TaskFailedException>());
    }

    private static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<ThrowingOrchestrator>()
        .AddOrchestrator<OrchestratorOfAFailingActivity>()
        .AddActivity<FailingActivity>();

    private sealed class ThrowingOrchestrator : TaskOrchestrator<object?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) =>
            throw new InvalidOperationException(OrchestratorMessage);
    }

    private sealed class OrchestratorOfAFailingActivity : TaskOrchestrator<object?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) =>
            context.CallActivityAsync<string>(nameof(FailingActivity));
    }

    private sealed class FailingActivity : TaskActivity<object?, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, object? input) =>
            throw new InvalidOperationException(ActivityMessage);
    }
}
