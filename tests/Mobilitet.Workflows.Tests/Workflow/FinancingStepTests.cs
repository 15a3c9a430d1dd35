using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>
/// The financing step's branches: approved automatically, approved or rejected by the finance approver inside the
/// decision window, and the window passing without a decision (escalation, closed by the late decision).
/// </summary>
public sealed class FinancingStepTests(WorkflowEngine engine) : IClassFixture<WorkflowEngine>
{
    [Fact]
    public async Task A_small_request_with_a_strong_business_case_is_approved_without_a_human_and_the_move_generation_follows()
    {
        var id = await engine.StartAsync(Days.TimersCannotFire, requestedDkk: 20_000m);
        await engine.RaiseAsync(id, new ConsentDecided(Given: true, "caseworker"));

        var agreement = await engine.WaitForStatusAsync(id, AgreementStatus.AwaitingMove);

        Assert.Equal(FinancingRoute.AutoApproved, agreement.FinancingRoute);
        Assert.Equal(20_000m, agreement.ApprovedDkk);
        Assert.Contains(TimelineKind.FinancingAutoApproved, await engine.KindsAsync(id));
        var businessCase = await engine.Documents.ReadJsonAsync<BusinessCase>(id, DocumentNames.BusinessCase, CancellationToken.None);
        Assert.Equal(52_500m, businessCase!.ProjectedGain36Dkk);
        Assert.Empty(engine.EmailsOf(id, NotificationKind.FinancingDecisionRequested));
        var move = await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint.Phase == LifecyclePhase.Move, "the move generation");
        Assert.Equal(2, move.Generation);
    }

    [Fact]
    public async Task A_request_above_the_limit_waits_for_the_finance_approver_who_approves_a_lower_amount()
    {
        var id = await engine.StartAsync(Days.TimersCannotFire, requestedDkk: 50_000m);
        await engine.RaiseAsync(id, new ConsentDecided(Given: true, "caseworker"));
        await engine.WaitForTimelineAsync(id, TimelineKind.FinancingRequested);
        var request = Assert.Single(engine.EmailsOf(id, NotificationKind.FinancingDecisionRequested));
        Assert.Equal([Samples.FinanceApprover], request.To);
        Assert.Contains("50.000 kr.", request.Subject, StringComparison.Ordinal);
        Assert.Contains(await engine.OpenTasksAsync(id), task => task.Kind == TaskKind.FinancingToDecide);

        await engine.RaiseAsync(id, new FinancingDecided(Approved: true, ApprovedDkk: 45_000m, "finance-approver"));

        var agreement = await engine.WaitForStatusAsync(id, AgreementStatus.AwaitingMove);
        Assert.Equal(FinancingRoute.ApprovedByApprover, agreement.FinancingRoute);
        Assert.Equal(45_000m, agreement.ApprovedDkk);
        Assert.Contains(await engine.Timeline.ReadAsync(id, CancellationToken.None), entry => entry is { Kind: TimelineKind.FinancingApproved, Actor: "finance-approver" });
        Assert.DoesNotContain(await engine.OpenTasksAsync(id), task => task.Kind == TaskKind.FinancingToDecide);
        Assert.Empty(await engine.Escalations.ListAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task A_rejected_request_ends_the_agreement()
    {
        var id = await engine.StartAsync(Days.TimersCannotFire, requestedDkk: 50_000m);
        await engine.RaiseAsync(id, new ConsentDecided(Given: true, "caseworker"));
        await engine.WaitForTimelineAsync(id, TimelineKind.FinancingRequested);

        await engine.RaiseAsync(id, new FinancingDecided(Approved: false, ApprovedDkk: null, "finance-approver"));

        var agreement = await engine.WaitForStatusAsync(id, AgreementStatus.Rejected);
        Assert.Equal(FinancingRoute.RejectedByApprover, agreement.FinancingRoute);
        Assert.Null(agreement.ApprovedDkk);
        Assert.Equal(TimelineKind.FinancingRejected, (await engine.KindsAsync(id))[^1]);
        Assert.Empty(await engine.OpenTasksAsync(id));
    }

    /// <summary>
    /// Policy time starts an hour from now, so consent (counted from the creation) cannot expire, while the decision
    /// window (10 days from consent) and each escalation level (5 days) pass in a tenth and a twentieth of a second.
    /// </summary>
    [Fact]
    public async Task An_undecided_request_escalates_level_by_level_and_the_late_decision_closes_the_escalation()
    {
        var id = await engine.StartAsync(TimeSpan.FromMilliseconds(10), requestedDkk: 50_000m, policyStartsIn: TimeSpan.FromHours(1));
        await engine.RaiseAsync(id, new ConsentDecided(Given: true, "caseworker"));

        var unresolved = await engine.WaitForEscalationAsync(id, "financing", escalation => escalation.Status == EscalationStatus.Unresolved);

        Assert.Equal(EscalationReason.FinancingDecisionOverdue, unresolved.Reason);
        Assert.Equal(2, unresolved.Level);
        Assert.Equal(AgreementStatus.AwaitingFinancing, (await engine.AgreementAsync(id)).Status);
        var escalated = engine.EmailsOf(id, NotificationKind.EscalationRaised);
        Assert.Equal([[Samples.Supervisor1], [Samples.Supervisor2]], escalated.Select(email => email.To.ToArray()));
        Assert.All(escalated, email => Assert.Contains("/decide?token=", email.TextBody, StringComparison.Ordinal));

        await engine.RaiseAsync(id, new FinancingDecided(Approved: true, ApprovedDkk: null, "finance-approver"));

        var agreement = await engine.WaitForStatusAsync(id, AgreementStatus.AwaitingMove);
        Assert.Equal(50_000m, agreement.ApprovedDkk);
        await engine.WaitForEscalationAsync(id, "financing", escalation => escalation.Status == EscalationStatus.ClosedBySystem);
        await engine.WaitForTasksAsync(id, tasks => tasks.Count == 0, "the financing and escalation tasks to close");
    }
}
