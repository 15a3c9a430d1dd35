using Microsoft.DurableTask;
using Mobilitet.Functions.Orchestrations;
using Mobilitet.Workflows.Workflow;
using Moq;

namespace Mobilitet.Functions.Tests.Orchestrations;

public sealed class OrchestratorFunctionsTests
{
    [Fact]
    public async Task An_orchestration_trigger_without_input_fails_clearly_instead_of_running_with_nothing()
    {
        var context = new Mock<TaskOrchestrationContext>();
        context.Setup(c => c.GetInput<AgreementLifecycleInput>()).Returns((AgreementLifecycleInput?)null);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OrchestratorFunctions.RunAgreementLifecycle(context.Object));

        Assert.Contains(nameof(AgreementLifecycle), error.Message, StringComparison.Ordinal);
    }
}
