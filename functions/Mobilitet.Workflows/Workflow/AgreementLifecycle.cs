using Microsoft.DurableTask;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
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
                return run.ContinuesAsNew ? await RunGenerationAsync(run) : await RunInOneHistoryAsync(run);
            }
            catch (AgreementStoppedException stopped)
            {
                return await run.StopAsync(stopped.Request);
            }
            catch (GenerationEndedException)
            {
                var at = run.Checkpoint;
                return await run.ContinueAsNewAsync(StatusIn(at.Phase), at.Phase, at.MovedOn, at.Milestone);
            }
        }
        catch (Exception failure)
        {
            context.SetCustomStatus(new LifecycleStatus(AgreementStatus.Failed, context.Version));
            await FailureReports.ReportAsync(context, input.AgreementId, failure);
            throw;
        }
    }

    /// <summary>Versions 1.0 and 1.1: the whole lifecycle in one history, as those agreements were started.</summary>
    private static async Task<AgreementStatus> RunInOneHistoryAsync(LifecycleRun run)
    {
        run.Context.SetCustomStatus(new LifecycleStatus(AgreementStatus.AwaitingConsent, run.Context.Version));
        var ended = await new ConsentStep(run).RunAsync()
            ?? await new FinancingStep(run).RunAsync();
        if (ended is { } status)
        {
            return status;
        }

        var movedOn = await new MoveStep(run).RunAsync();
        return await new MonitoringStep(run).RunAsync(movedOn);
    }

    /// <summary>
    /// From version 1.2 each phase is a generation of its own, so no history carries years of timers:
    /// consent and financing; the move; M3; M12; M36 and completion. Each continues as new with the next.
    /// </summary>
    private static async Task<AgreementStatus> RunGenerationAsync(LifecycleRun run)
    {
        var at = run.Checkpoint;
        run.Context.SetCustomStatus(new LifecycleStatus(StatusIn(at.Phase), run.Context.Version));
        switch (at.Phase)
        {
            case LifecyclePhase.Start:
                var ended = await new ConsentStep(run).RunAsync()
                    ?? await new FinancingStep(run).RunAsync();
                return ended ?? await run.ContinueAsNewAsync(AgreementStatus.AwaitingMove, LifecyclePhase.Move);

            case LifecyclePhase.Move:
                var movedOn = await new MoveStep(run).RunAsync();
                return await run.ContinueAsNewAsync(AgreementStatus.Monitoring, LifecyclePhase.Monitoring, movedOn, Milestones.InOrder[0]);

            case LifecyclePhase.Completion:
                return await new MonitoringStep(run).CompleteAsync();

            default:
                var milestone = at.Milestone ?? throw new InvalidOperationException("A monitoring generation needs its milestone.");
                var moved = at.MovedOn ?? throw new InvalidOperationException("A monitoring generation needs the move date.");
                var monitoring = new MonitoringStep(run);
                await monitoring.MilestoneAsync(moved, milestone);
                if (Milestones.After(milestone) is { } next)
                {
                    return await run.ContinueAsNewAsync(AgreementStatus.Monitoring, LifecyclePhase.Monitoring, moved, next);
                }

                // From 1.4 completion may wait long (extensions, decisions): in a generation of its own, so M36 is never measured twice.
                return run.ActsOnDecisions
                    ? await run.ContinueAsNewAsync(AgreementStatus.Monitoring, LifecyclePhase.Completion, moved)
                    : await monitoring.CompleteAsync();
        }
    }

    private static AgreementStatus StatusIn(LifecyclePhase phase) => phase switch
    {
        LifecyclePhase.Start => AgreementStatus.AwaitingConsent,
        LifecyclePhase.Move => AgreementStatus.AwaitingMove,
        _ => AgreementStatus.Monitoring,
    };
}
