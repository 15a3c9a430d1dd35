using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Failures;
using Mobilitet.Workflows.Workflow.Activities;

namespace Mobilitet.Workflows.Workflow;

/// <summary>
/// How an orchestrator reports its own failure before it ends as Failed: the reason goes to the
/// read model and the logs through <see cref="RecordFailure"/>. If even that fails (storage down), the
/// failure sweep records it later from the engine's failure details.
/// </summary>
internal static partial class FailureReports
{
    public static async Task ReportAsync(TaskOrchestrationContext context, string instanceId, Exception failure)
    {
        var reported = WorkflowFailure.From(failure);
        try
        {
            await context.CallActivityAsync<bool>(nameof(RecordFailure), new FailureInput(instanceId, context.CurrentUtcDateTime, reported), ActivityRetries.Options);
        }
        catch (TaskFailedException)
        {
            LogNotRecorded(context.CreateReplaySafeLogger(nameof(FailureReports)), instanceId, reported.ErrorType, reported.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Orchestration {InstanceId} failed ({ErrorType}: {ErrorMessage}) and could not record it; the failure sweep will")]
    private static partial void LogNotRecorded(ILogger logger, string instanceId, string errorType, string errorMessage);
}
