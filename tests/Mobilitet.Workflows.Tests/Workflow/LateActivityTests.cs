using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Tests.Workflow.Fakes;
using Mobilitet.Workflows.Workflow.Activities;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>
/// Activities that come late: after a crash, the engine can run an activity after the workflow has gone on. A fact (the
/// move, the financing decision) must still be recorded (a crash storm lost a move date this way, and the agreement's M3
/// measurement then failed the workflow); a task the workflow has closed since must not open again (the same storm left a
/// move task open on an agreement in monitoring).
/// </summary>
public sealed class LateActivityTests
{
    private static readonly DateTime MovedAt = new(2027, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly MovedOn = new(2027, 2, 27);

    private readonly InMemoryAgreementRepository agreements = new();
    private readonly InMemoryTaskBoard board = new();

    [Fact]
    public async Task A_move_recorded_after_the_next_steps_change_still_sets_its_date_and_the_first_milestone()
    {
        var id = await AddAwaitingMoveAsync();
        var monitoring = new DateTimeOffset(MovedAt.AddSeconds(2));
        await agreements.UpdateAsync(id, monitoring, a => a with { Status = AgreementStatus.Monitoring }, CancellationToken.None);

        await new RecordMove(agreements).RunAsync(null!, new MoveInput(id, MovedAt, MovedOn, "Viby"));

        var agreement = (await agreements.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((MovedOn, "Viby", AgreementStatus.Monitoring, monitoring), (agreement.MovedOn, agreement.ToArea, agreement.Status, agreement.LastChangedAt));
        Assert.Equal(agreement.DueAt(Milestones.InOrder[0]), agreement.NextMilestoneAt);
    }

    [Fact]
    public async Task A_late_repeat_of_the_move_leaves_the_milestone_measured_since_as_it_is()
    {
        var id = await AddAwaitingMoveAsync();
        await new RecordMove(agreements).RunAsync(null!, new MoveInput(id, MovedAt, MovedOn, null));
        var m12 = (await agreements.FindAsync(id, CancellationToken.None))!.DueAt(Milestones.InOrder[1]);
        await agreements.UpdateAsync(id, new DateTimeOffset(MovedAt.AddDays(90)), a => a with { NextMilestoneAt = m12 }, CancellationToken.None);

        await new RecordMove(agreements).RunAsync(null!, new MoveInput(id, MovedAt, MovedOn, null));

        Assert.Equal(m12, (await agreements.FindAsync(id, CancellationToken.None))!.NextMilestoneAt);
    }

    [Fact]
    public async Task A_financing_decision_recorded_after_the_next_steps_change_still_sets_its_route_and_amount()
    {
        var id = await AddAsync(AgreementStatus.AwaitingFinancing);
        var awaitingMove = new DateTimeOffset(MovedAt.AddSeconds(2));
        await agreements.UpdateAsync(id, awaitingMove, a => a with { Status = AgreementStatus.AwaitingMove }, CancellationToken.None);

        await new RecordFinancingDecision(agreements).RunAsync(null!, new FinancingDecisionInput(id, MovedAt, FinancingRoute.ApprovedByApprover, 15_000m));

        var agreement = (await agreements.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((FinancingRoute.ApprovedByApprover, 15_000m, AgreementStatus.AwaitingMove, awaitingMove), (agreement.FinancingRoute, agreement.ApprovedDkk, agreement.Status, agreement.LastChangedAt));
        Assert.Equal(15_000m, agreement.CommittedDkk());
    }

    [Fact]
    public async Task A_task_opening_run_again_after_the_workflow_closed_the_task_leaves_it_closed()
    {
        var id = await AddAwaitingMoveAsync();
        var opening = new TaskOpening(id, MovedAt, TaskKind.MoveToRecord, MovedAt.AddDays(3), MovedOn.AddDays(3));
        await new OpenTask(agreements, board).RunAsync(null!, opening);
        Assert.Equal(1, (await agreements.FindAsync(id, CancellationToken.None))!.OpenTaskCount);
        await new CloseTasks(agreements, board).RunAsync(null!, new TaskClosing(id, MovedAt.AddSeconds(4), [CaseTask.IdFor(TaskKind.MoveToRecord)]));

        await new OpenTask(agreements, board).RunAsync(null!, opening);

        Assert.Empty(await board.ListForAgreementAsync(id, CancellationToken.None));
        var agreement = (await agreements.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((0, null), (agreement.OpenTaskCount, agreement.EarliestTaskDueAt));
    }

    private Task<string> AddAwaitingMoveAsync() => AddAsync(AgreementStatus.AwaitingMove);

    private async Task<string> AddAsync(AgreementStatus status)
    {
        var id = AgreementIds.New();
        await agreements.AddAsync(
            Samples.Agreement(id, status, new DateTimeOffset(MovedAt.AddDays(-40)), TimeSpan.FromDays(1), MovedOn) with { LastChangedAt = new DateTimeOffset(MovedAt.AddDays(-30)) },
            CancellationToken.None);
        return id;
    }
}
