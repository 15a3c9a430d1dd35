using Microsoft.DurableTask;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Workflow.Steps;

namespace Mobilitet.Workflows.Workflow;

/// <summary>
/// One moving agreement, from the caseworker's form to the last measurement 36 months after the
/// move. Instance id = agreement id. Consent → financing → move → monitoring (M3, M12, M36) →
/// completed; a cancellation or a withdrawn consent ends it from any step, even mid-timer.
/// Escalations run as their own orchestrations (<see cref="EscalationWorkflow"/>), so this
/// history stays small: a few events per step, bounded by the policy. If the workflow itself
/// fails, it says so on the agreement before it ends as Failed.
/// </summary>
public sealed class AgreementLifecycle : TaskOrchestrator<AgreementLifecycleInput, AgreementStatus>
{
    public override async Task<AgreementStatus> RunAsync(TaskOrchestrationContext context, AgreementLifecycleInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var run = new LifecycleRun(context, input);
            try
            {
                context.SetCustomStatus(new LifecycleStatus(AgreementStatus.AwaitingConsent, context.Version));
                var ended = await new ConsentStep(run).RunAsync()
                    ?? await new FinancingStep(run).RunAsync();
                if (ended is { } status)
                {
                    return status;
                }

                var movedOn = await new MoveStep(run).RunAsync();
                return await new MonitoringStep(run).RunAsync(movedOn);
            }
            catch (AgreementStoppedException stopped)
            {
                return await run.StopAsync(stopped.Request);
            }
        }
        catch (Exception failure)
        {
            context.SetCustomStatus(new LifecycleStatus(AgreementStatus.Failed, context.Version));
            await FailureReports.ReportAsync(context, input.AgreementId, failure);
            throw;
        }
    }
}
