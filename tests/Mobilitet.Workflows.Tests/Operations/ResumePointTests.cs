using System.Text.Json;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Operations;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Tests.Operations;

public sealed class ResumePointTests
{
    private static readonly DateTimeOffset Created = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_consent_the_workflow_starts_at_consent()
    {
        var point = Of(Agreement(), [Step(TimelineKind.AgreementCreated)]);

        Assert.Equal(AgreementStatus.AwaitingConsent, point.Status);
        Assert.Equal(LifecyclePhase.Start, point.Phase);
        Assert.Null(point.Checkpoint.Carried);
    }

    [Fact]
    public void After_consent_the_recorded_consent_is_handed_to_the_generation_with_its_actor()
    {
        var point = Of(Agreement(), [Step(TimelineKind.AgreementCreated), Step(TimelineKind.ConsentGiven, Actors.Caseworker), Step(TimelineKind.FinancingRequested)]);

        Assert.Equal(AgreementStatus.AwaitingFinancing, point.Status);
        Assert.Equal(LifecyclePhase.Start, point.Phase);
        var carried = Assert.Single(point.Checkpoint.Carried!);
        Assert.Equal(nameof(ConsentDecided), carried.Name);
        Assert.Equal(new ConsentDecided(true, Actors.Caseworker), carried.Payload.Deserialize<ConsentDecided>());
    }

    [Theory]
    [InlineData(TimelineKind.FinancingAutoApproved)]
    [InlineData(TimelineKind.FinancingApproved)]
    public void After_an_approval_the_workflow_waits_for_the_move(TimelineKind approval)
    {
        var point = Of(Agreement(), [Step(TimelineKind.ConsentGiven), Step(approval)]);

        Assert.Equal(AgreementStatus.AwaitingMove, point.Status);
        Assert.Equal(LifecyclePhase.Move, point.Phase);
    }

    [Fact]
    public void Moved_without_measurements_measures_M3()
    {
        var point = Of(Agreement(moved: true), [Step(TimelineKind.MoveRecorded)]);

        Assert.Equal(AgreementStatus.Monitoring, point.Status);
        Assert.Equal((LifecyclePhase.Monitoring, Milestone.M3), (point.Phase, point.Checkpoint.Milestone));
        Assert.Equal(new DateOnly(2027, 2, 1), point.Checkpoint.MovedOn);
        Assert.Empty(point.Checkpoint.AwaitingData);
    }

    [Fact]
    public void The_milestone_after_the_last_one_passed_is_next_and_those_without_data_still_wait_for_it()
    {
        var point = Of(Agreement(moved: true), [], [Measured(Milestone.M3, MeasurementOutcome.MissingData)]);

        Assert.Equal((LifecyclePhase.Monitoring, Milestone.M12), (point.Phase, point.Checkpoint.Milestone));
        Assert.Equal([Milestone.M3], point.Checkpoint.AwaitingData);
    }

    [Fact]
    public void After_M36_the_workflow_completes()
    {
        var point = Of(Agreement(moved: true), [], [Measured(Milestone.M3), Measured(Milestone.M12), Measured(Milestone.M36)]);

        Assert.Equal(LifecyclePhase.Completion, point.Phase);
        Assert.Null(point.Checkpoint.Milestone);
    }

    [Fact]
    public void Open_escalations_and_tasks_go_with_the_checkpoint_and_the_input_keeps_the_agreement()
    {
        var agreement = Agreement();
        var point = ResumePoint.Of(agreement, [], [], ["esc-b", "esc-a"], ["ConsentToRecord"]);

        Assert.Equal(["esc-a", "esc-b"], point.Checkpoint.OpenEscalations);
        Assert.Equal(["ConsentToRecord"], point.Checkpoint.OpenTasks);
        var input = point.InputFor(agreement);
        Assert.Equal((agreement.AgreementId, agreement.PolicyName, agreement.DayLength, agreement.PlannedMoveDate), (input.AgreementId, input.PolicyName, input.DayLength, input.PlannedMoveDate));
        Assert.Same(point.Checkpoint, input.Resume);
    }

    [Fact]
    public void A_generation_matches_only_when_it_starts_at_the_last_good_step()
    {
        var agreement = Agreement();
        var atConsent = Of(agreement, []);
        var atFinancing = Of(agreement, [Step(TimelineKind.ConsentGiven)]);
        var first = atConsent.InputFor(agreement) with { Resume = null };

        Assert.True(atConsent.Matches(first));
        Assert.False(atFinancing.Matches(first)); // it would wait for consent again
        Assert.True(atFinancing.Matches(atFinancing.InputFor(agreement)));

        var moved = Agreement(moved: true);
        var atM12 = Of(moved, [], [Measured(Milestone.M3)]);
        var m3Generation = atM12.InputFor(moved) with { Resume = atM12.Checkpoint with { Milestone = Milestone.M3 } };
        Assert.False(atM12.Matches(m3Generation));
        Assert.True(atM12.Matches(atM12.InputFor(moved)));
    }

    private static ResumePoint Of(AgreementRecord agreement, IReadOnlyList<TimelineEntry> timeline, IReadOnlyList<MeasurementRecord>? measurements = null) =>
        ResumePoint.Of(agreement, timeline, measurements ?? [], [], []);

    private static TimelineEntry Step(TimelineKind kind, string actor = Actors.System) => new(Created.AddHours(1), kind, actor);

    private static MeasurementRecord Measured(Milestone milestone, MeasurementOutcome outcome = MeasurementOutcome.OnTrack) =>
        new("agr-1", milestone, outcome, [], outcome == MeasurementOutcome.MissingData ? null : new IndicatorValues(0.5m, 100_000m, 50_000m), Created);

    internal static AgreementRecord Agreement(bool moved = false, AgreementStatus status = AgreementStatus.Failed) => new()
    {
        AgreementId = "agr-1",
        MunicipalityCode = "0751",
        HousingAssociation = "Brabrand Boligforening",
        Direction = MoveDirection.Out,
        FromArea = "Gellerupparken",
        PlannedMoveDate = new DateOnly(2027, 2, 1),
        MovedOn = moved ? new DateOnly(2027, 2, 1) : null,
        PolicyName = "standard-v1",
        Status = status,
        CreatedAt = Created,
        LastChangedAt = Created,
        DayLength = TimeSpan.FromDays(1),
        Baseline = new IndicatorValues(0.2m, 200_000m, 30_000m),
        RequestedDkk = 20_000m,
        SupervisorLevels = 1,
    };
}
