using Microsoft.DurableTask;
using Mobilitet.Workflows.Failures;

namespace Mobilitet.Workflows.Workflow.Activities;

/// <param name="InstanceId">The failed orchestration: an agreement id or an escalation id.</param>
/// <param name="At">Orchestration time of the failure.</param>
public sealed record FailureInput(string InstanceId, DateTime At, WorkflowFailure Failure);

/// <summary>A workflow reports its own failure before it ends as Failed, so people see it at once.</summary>
public sealed class RecordFailure(WorkflowFailureRecorder recorder) : TaskActivity<FailureInput, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, FailureInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return recorder.RecordAsync(input.InstanceId, new DateTimeOffset(input.At, TimeSpan.Zero), input.Failure, CancellationToken.None);
    }
}
