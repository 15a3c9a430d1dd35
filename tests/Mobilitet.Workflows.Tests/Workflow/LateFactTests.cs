using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Tests.Workflow.Fakes;
using Mobilitet.Workflows.Workflow.Activities;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>
/// Recording a fact (the move, the financing decision) when its activity comes late: after a crash, the next step's change
/// can overtake it (a crash storm lost a move date this way, and the agreement's M3 measurement then failed the workflow).
/// </summary>
public sealed class LateFactTests
{
    private static readonly DateTime MovedAt = new(2027, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly MovedOn = new(2027, 2, 27);

    private readonly InMemoryAgreementRepository agreements = new();

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
