using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Tests.Agreements;

/// <summary>The agreement's next due date, whether it needs action, and its housing area: what the list sorts and filters on.</summary>
public sealed class NextDueTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private static AgreementRecord Agreement(AgreementStatus status) => new()
    {
        AgreementId = AgreementIds.New(),
        MunicipalityCode = "0751",
        HousingAssociation = "Brabrand Boligforening",
        Direction = MoveDirection.Out,
        FromArea = "Gellerupparken",
        ToArea = "Viby",
        PlannedMoveDate = new DateOnly(2026, 3, 1),
        PolicyName = PolicyCatalog.DefaultName,
        Status = status,
        CreatedAt = Created,
        LastChangedAt = Created,
        DayLength = TimeSpan.FromDays(1),
        Baseline = null,
        RequestedDkk = 20_000m,
        SupervisorLevels = 2,
    };

    [Fact]
    public void A_due_instant_shows_as_its_policy_date_and_as_the_calendar_date_when_the_clock_is_damaged()
    {
        var compressed = Agreement(AgreementStatus.Monitoring) with { DayLength = TimeSpan.FromMilliseconds(100) };
        var m3 = compressed with { MovedOn = new DateOnly(2026, 3, 1) };
        var dueAt = m3.DueAt(Milestone.M3)!.Value;

        Assert.Equal(new DateOnly(2026, 6, 1), m3.PolicyDateAt(dueAt));
        Assert.Equal(new DateOnly(2026, 1, 5), (compressed with { DayLength = TimeSpan.Zero }).PolicyDateAt(Created));
    }

    [Fact]
    public void The_earliest_open_task_comes_first_whatever_the_status()
    {
        var due = Created.AddDays(3);

        Assert.Equal(due, (Agreement(AgreementStatus.AwaitingMove) with { OpenTaskCount = 1, EarliestTaskDueAt = due }).NextDueAt);
        Assert.Equal(due, (Agreement(AgreementStatus.Monitoring) with { OpenTaskCount = 2, EarliestTaskDueAt = due, NextMilestoneAt = Created.AddDays(1) }).NextDueAt);
        Assert.True((Agreement(AgreementStatus.AwaitingConsent) with { OpenTaskCount = 1, EarliestTaskDueAt = due }).NeedsAction);
    }

    [Fact]
    public void Without_tasks_the_planned_move_or_the_next_milestone_is_next()
    {
        var awaitingMove = Agreement(AgreementStatus.AwaitingMove);
        var monitoring = Agreement(AgreementStatus.Monitoring) with { NextMilestoneAt = Created.AddDays(90) };

        // Midnight in Copenhagen (UTC+1 in March) begins the planned day.
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero), awaitingMove.NextDueAt);
        Assert.Equal(Created.AddDays(90), monitoring.NextDueAt);
        Assert.Null(Agreement(AgreementStatus.AwaitingFinancing).NextDueAt);
        Assert.False(monitoring.NeedsAction);
    }

    [Theory]
    [InlineData(AgreementStatus.Completed)]
    [InlineData(AgreementStatus.Cancelled)]
    [InlineData(AgreementStatus.ConsentWithdrawn)]
    public void An_ended_agreement_has_nothing_due_and_needs_no_action(AgreementStatus status)
    {
        var ended = Agreement(status) with { OpenTaskCount = 1, EarliestTaskDueAt = Created, NextMilestoneAt = Created };

        Assert.Null(ended.NextDueAt);
        Assert.False(ended.NeedsAction);
    }

    [Fact]
    public void A_compressed_day_puts_the_planned_move_on_the_compressed_clock()
    {
        var compressed = Agreement(AgreementStatus.AwaitingMove) with { DayLength = TimeSpan.FromSeconds(1) };

        Assert.Equal(new DateTimeOffset(compressed.Clock!.Value.StartOf(compressed.PlannedMoveDate)), compressed.NextDueAt);
        Assert.True(compressed.NextDueAt < Created.AddDays(1));
    }

    [Fact]
    public void The_next_milestone_moves_forward_only()
    {
        var moved = Agreement(AgreementStatus.Monitoring) with { MovedOn = new DateOnly(2026, 3, 2) };
        var m3 = moved.DueAt(Milestone.M3);
        var m12 = moved.DueAt(Milestone.M12);
        var m36 = moved.DueAt(Milestone.M36);

        Assert.Equal(new DateTimeOffset(2026, 6, 1, 22, 0, 0, TimeSpan.Zero), m3);
        Assert.Equal(m12, (moved with { NextMilestoneAt = m3 }).NextMilestoneAfter(Milestone.M3));
        Assert.Equal(m36, (moved with { NextMilestoneAt = m36 }).NextMilestoneAfter(Milestone.M3)); // late M3 data
        Assert.Equal(m36, (moved with { NextMilestoneAt = m36 }).NextMilestoneAfter(Milestone.M36));
        Assert.Null(Agreement(AgreementStatus.AwaitingMove).DueAt(Milestone.M3));
    }

    [Fact]
    public void The_housing_area_is_the_vulnerable_one_the_household_leaves_or_enters()
    {
        var outOf = Agreement(AgreementStatus.AwaitingMove);
        var into = outOf with { Direction = MoveDirection.In, FromArea = "Risskov", ToArea = "Gellerupparken" };

        Assert.Equal("Gellerupparken", outOf.HousingArea);
        Assert.Equal("Gellerupparken", into.HousingArea);
        Assert.Null((into with { ToArea = null }).HousingArea);
    }
}
