using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow.Activities;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Workflow.Steps;

/// <summary>
/// Financing: approved automatically inside the policy's limits; otherwise a finance approver
/// decides — a task on the finance approvers' board, due at the decision deadline. Past the deadline
/// the case escalates, and the step keeps waiting for the decision — the escalation makes sure someone
/// takes it.
/// </summary>
public sealed class FinancingStep(LifecycleRun run)
{
    private const string Subject = "financing";

    /// <returns>Null when financing is approved; otherwise the agreement's final status.</returns>
    public async Task<AgreementStatus?> RunAsync()
    {
        var assessment = await run.CallAsync<FinancingAssessment>(nameof(AssessFinancing), run.AgreementId);
        if (assessment == FinancingAssessment.AutoApprove)
        {
            await RecordDecisionAsync(FinancingRoute.AutoApproved, approvedDkk: null);
            await run.ProgressAsync(TimelineKind.FinancingAutoApproved, AgreementStatus.AwaitingMove);
            return null;
        }

        var decideBy = run.DaysFromNow(run.Policy.Financing.DecisionDays);
        await run.OpenTaskAsync(TaskKind.FinancingToDecide, due: decideBy);
        await run.NotifyAsync(NotificationKind.FinancingDecisionRequested, Subject, respondBy: decideBy);
        await run.ProgressAsync(TimelineKind.FinancingRequested, detail: assessment.ToString());

        var decision = await run.WaitAsync<FinancingDecided>(decideBy);
        if (decision.TimedOutFirst)
        {
            await run.EscalateAsync(EscalationReason.FinancingDecisionOverdue, Subject);
            decision = await run.WaitAsync<FinancingDecided>(until: null);
        }

        run.CloseEscalation(Subject);
        await run.CloseTaskAsync(TaskKind.FinancingToDecide);
        var decided = decision.Event!;
        if (!decided.Approved)
        {
            await RecordDecisionAsync(FinancingRoute.RejectedByApprover, approvedDkk: null);
            return await run.EndAsync(AgreementStatus.Rejected, TimelineKind.FinancingRejected, decided.Actor);
        }

        await RecordDecisionAsync(FinancingRoute.ApprovedByApprover, decided.ApprovedDkk);
        await run.ProgressAsync(TimelineKind.FinancingApproved, AgreementStatus.AwaitingMove, decided.Actor);
        return null;
    }

    private Task<bool> RecordDecisionAsync(FinancingRoute route, decimal? approvedDkk) =>
        run.CallAsync<bool>(
            nameof(RecordFinancingDecision),
            new FinancingDecisionInput(run.AgreementId, run.Now, route, approvedDkk));
}
