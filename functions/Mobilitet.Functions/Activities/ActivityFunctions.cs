using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Commands;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Workflows.Caseload;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Workflow.Activities;

namespace Mobilitet.Functions.Activities;

/// <summary>
/// Thin [ActivityTrigger] wrappers: each resolves the activity class from DI (constructor
/// injection, as in the local host) and runs it. One line per activity in WorkflowTasks.
/// </summary>
public static class ActivityFunctions
{
    [Function(nameof(RecordProgress))]
    public static Task<bool> RunRecordProgress([ActivityTrigger] ProgressInput input, string instanceId, FunctionContext context) =>
        Run<RecordProgress, ProgressInput, bool>(input, instanceId, context);

    [Function(nameof(AssessFinancing))]
    public static Task<FinancingAssessment> RunAssessFinancing([ActivityTrigger] string input, string instanceId, FunctionContext context) =>
        Run<AssessFinancing, string, FinancingAssessment>(input, instanceId, context);

    [Function(nameof(RecordFinancingDecision))]
    public static Task<bool> RunRecordFinancingDecision([ActivityTrigger] FinancingDecisionInput input, string instanceId, FunctionContext context) =>
        Run<RecordFinancingDecision, FinancingDecisionInput, bool>(input, instanceId, context);

    [Function(nameof(RecordMove))]
    public static Task<bool> RunRecordMove([ActivityTrigger] MoveInput input, string instanceId, FunctionContext context) =>
        Run<RecordMove, MoveInput, bool>(input, instanceId, context);

    [Function(nameof(InviteToCheckIn))]
    public static Task<bool> RunInviteToCheckIn([ActivityTrigger] CheckInInvitation input, string instanceId, FunctionContext context) =>
        Run<InviteToCheckIn, CheckInInvitation, bool>(input, instanceId, context);

    [Function(nameof(MeasureMilestone))]
    public static Task<MeasurementResult> RunMeasureMilestone([ActivityTrigger] MeasurementInput input, string instanceId, FunctionContext context) =>
        Run<MeasureMilestone, MeasurementInput, MeasurementResult>(input, instanceId, context);

    [Function(nameof(SettleFinancing))]
    public static Task<bool> RunSettleFinancing([ActivityTrigger] SettlementInput input, string instanceId, FunctionContext context) =>
        Run<SettleFinancing, SettlementInput, bool>(input, instanceId, context);

    [Function(nameof(SendNotification))]
    public static Task<bool> RunSendNotification([ActivityTrigger] NotificationRequest input, string instanceId, FunctionContext context) =>
        Run<SendNotification, NotificationRequest, bool>(input, instanceId, context);

    [Function(nameof(SaveEscalation))]
    public static Task<bool> RunSaveEscalation([ActivityTrigger] EscalationUpdate input, string instanceId, FunctionContext context) =>
        Run<SaveEscalation, EscalationUpdate, bool>(input, instanceId, context);

    [Function(nameof(EraseAgreementData))]
    public static Task<bool> RunEraseAgreementData([ActivityTrigger] ErasureInput input, string instanceId, FunctionContext context) =>
        Run<EraseAgreementData, ErasureInput, bool>(input, instanceId, context);

    [Function(nameof(RecordFailure))]
    public static Task<bool> RunRecordFailure([ActivityTrigger] FailureInput input, string instanceId, FunctionContext context) =>
        Run<RecordFailure, FailureInput, bool>(input, instanceId, context);

    [Function(nameof(OpenTask))]
    public static Task<bool> RunOpenTask([ActivityTrigger] TaskOpening input, string instanceId, FunctionContext context) =>
        Run<OpenTask, TaskOpening, bool>(input, instanceId, context);

    [Function(nameof(CloseTasks))]
    public static Task<bool> RunCloseTasks([ActivityTrigger] TaskClosing input, string instanceId, FunctionContext context) =>
        Run<CloseTasks, TaskClosing, bool>(input, instanceId, context);

    // The starter needs the engine's client, which the Functions app only hands out as a binding.
    [Function(nameof(StartEscalation))]
    public static Task<bool> RunStartEscalation([ActivityTrigger] EscalationStart input, string instanceId, [DurableClient] DurableTaskClient client) =>
        new StartEscalation(new ClientEscalationStarter(client)).RunAsync(new FunctionActivityContext(nameof(StartEscalation), instanceId), input);

    // A caseload batch creates agreements, which takes the engine's client too.
    [Function(nameof(ImportCaseloadRows))]
    public static Task<bool> RunImportCaseloadRows([ActivityTrigger] string input, string instanceId, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runner = new ClientCaseloadImportRunner(context.InstanceServices.GetRequiredService<CaseloadImports>(), client);
        return new ImportCaseloadRows(runner).RunAsync(new FunctionActivityContext(nameof(ImportCaseloadRows), instanceId), input);
    }

    internal static Task<TOutput> Run<TActivity, TInput, TOutput>(TInput input, string instanceId, FunctionContext context)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = context.InstanceServices.GetRequiredService<TActivity>();
        return activity.RunAsync(new FunctionActivityContext(typeof(TActivity).Name, instanceId), input);
    }
}

/// <summary>The activity context the Durable Task generator would have produced.</summary>
public sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = new(name);

    public override string InstanceId { get; } = instanceId;
}
