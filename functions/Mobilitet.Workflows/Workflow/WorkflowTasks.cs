using Microsoft.DurableTask;
using Mobilitet.Workflows.Workflow.Activities;

namespace Mobilitet.Workflows.Workflow;

/// <summary>
/// The one list of orchestrators and activities. The local host registers exactly these; the
/// Functions app has a thin [Function] wrapper for each, and a test checks both against this list.
/// </summary>
public static class WorkflowTasks
{
    public static IReadOnlyList<Type> Orchestrators { get; } =
    [
        typeof(AgreementLifecycle),
        typeof(EscalationWorkflow),
        typeof(Caseload.CaseloadImportJob),
    ];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(RecordProgress),
        typeof(AssessFinancing),
        typeof(RecordFinancingDecision),
        typeof(RecordMove),
        typeof(MeasureMilestone),
        typeof(SettleFinancing),
        typeof(InviteToCheckIn),
        typeof(SendNotification),
        typeof(SaveEscalation),
        typeof(EraseAgreementData),
        typeof(RecordFailure),
        typeof(OpenTask),
        typeof(CloseTasks),
        typeof(StartEscalation),
        typeof(Caseload.ImportCaseloadRows),
    ];

    /// <summary>Registers every task; the name of each is its class name (what nameof(...) gives callers).</summary>
    public static DurableTaskRegistry AddWorkflowTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator);
        }

        foreach (var activity in Activities)
        {
            registry.AddActivity(activity);
        }

        return registry;
    }
}
