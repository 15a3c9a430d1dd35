using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Caseload;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Functions.Orchestrations;

/// <summary>
/// Thin [OrchestrationTrigger] wrappers: the Functions source generator only sees functions in
/// this project, and the Durable Task generator is not available, so each orchestrator class from
/// the workflow library gets one line here (WorkflowTasks lists them; a test keeps both in step).
/// </summary>
public static class OrchestratorFunctions
{
    [Function(nameof(AgreementLifecycle))]
    public static Task<AgreementStatus> RunAgreementLifecycle([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Run<AgreementLifecycle, AgreementLifecycleInput, AgreementStatus>(context);

    [Function(nameof(EscalationWorkflow))]
    public static Task<EscalationStatus> RunEscalationWorkflow([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Run<EscalationWorkflow, EscalationInput, EscalationStatus>(context);

    [Function(nameof(CaseloadImportJob))]
    public static Task<bool> RunCaseloadImportJob([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Run<CaseloadImportJob, string, bool>(context);

    // Orchestrators hold no state or services, so a new instance per execution is all it takes.
    private static Task<TOutput> Run<TOrchestrator, TInput, TOutput>(TaskOrchestrationContext context)
        where TOrchestrator : TaskOrchestrator<TInput, TOutput>, new()
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<TInput>() ?? throw new InvalidOperationException($"{typeof(TOrchestrator).Name} started without input.");
        return new TOrchestrator().RunAsync(context, input);
    }
}
