using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>
/// The whole lifecycle across its generations (version 1.2): consent and financing; the move; M3; M12; M36 and
/// completion, each handing the next its checkpoint. Days last an hour, so no timer fires: every step is driven
/// by an event, and a move recorded 36 months ago makes every milestone due at once.
/// </summary>
public sealed class AgreementLifecycleTests(WorkflowEngine engine) : IClassFixture<WorkflowEngine>
{
    [Fact]
    public async Task An_agreement_runs_from_consent_through_financing_the_move_and_three_milestones_to_completed_in_six_generations()
    {
        var id = await engine.StartAsync(Days.TimersCannotFire);
        foreach (var milestone in Milestones.InOrder)
        {
            await engine.Indicators.SaveAsync(id, milestone, Samples.OnTrack, CancellationToken.None);
        }

        await engine.RaiseAsync(id, new ConsentDecided(Given: true, "caseworker"));
        await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint.Phase == LifecyclePhase.Move, "the move generation");
        await engine.RaiseAsync(id, new MoveRecorded(WorkflowEngine.Today.AddMonths(-36), "Viby", "caseworker"));

        var instance = await engine.WaitForFinishAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(AgreementStatus.Completed, instance.ReadOutputAs<AgreementStatus>());
        Assert.Equal(6, instance.ReadInputAs<AgreementLifecycleInput>()!.Resume!.Generation); // from 1.4 completion is a generation of its own
        Assert.Equal(
            [
                TimelineKind.ConsentGiven, TimelineKind.FinancingAutoApproved, TimelineKind.MoveRecorded,
                TimelineKind.MilestoneMeasured, TimelineKind.MilestoneMeasured, TimelineKind.MilestoneMeasured,
                TimelineKind.FinancingSettled, TimelineKind.EmailSent, TimelineKind.AgreementCompleted,
            ],
            await engine.KindsAsync(id));
        Assert.Equal(Milestones.InOrder, (await engine.Measurements.ListAsync(id, CancellationToken.None)).Select(measurement => measurement.Milestone));
        var agreement = await engine.AgreementAsync(id);
        Assert.Equal(AgreementStatus.Completed, agreement.Status);
        Assert.Null(agreement.NextDueAt);
        // The only email of a lifecycle nobody had to chase: the caseworker hears it is done, with its effect (1.4).
        var completed = Assert.Single(engine.Emails.About(id));
        Assert.Equal(completed.Id, Assert.Single(engine.EmailsOf(id, NotificationKind.AgreementCompleted)).Id);
        Assert.Equal([Samples.CaseworkerEmail], completed.To);
        Assert.Empty(await engine.OpenTasksAsync(id));
    }

    [Fact]
    public async Task An_agreement_started_on_1_1_runs_its_whole_lifecycle_in_one_history_and_completes()
    {
        var id = await engine.StartAsync(Days.TimersCannotFire, version: WorkflowVersions.TaskBoard);
        foreach (var milestone in Milestones.InOrder)
        {
            await engine.Indicators.SaveAsync(id, milestone, Samples.OnTrack, CancellationToken.None);
        }

        await engine.RaiseAsync(id, new ConsentDecided(Given: true, "caseworker"));
        await engine.WaitForStatusAsync(id, AgreementStatus.AwaitingMove);
        await engine.RaiseAsync(id, new MoveRecorded(WorkflowEngine.Today.AddMonths(-36), null, "caseworker"));

        var instance = await engine.WaitForFinishAsync(id);

        Assert.Equal(AgreementStatus.Completed, instance.ReadOutputAs<AgreementStatus>());
        Assert.Null(instance.ReadInputAs<AgreementLifecycleInput>()!.Resume);
        Assert.Equal(WorkflowVersions.TaskBoard, instance.ReadCustomStatusAs<LifecycleStatus>()!.Version);
        Assert.Equal(3, (await engine.KindsAsync(id)).Count(kind => kind == TimelineKind.MilestoneMeasured));
        Assert.Empty(await engine.OpenTasksAsync(id));
    }

    /// <summary>
    /// Nothing in the first generation waits for MoveRecorded. The SDK's own hand-over (preserveUnprocessedEvents)
    /// sends such an event to the instance itself, which the local engine drops at ContinueAsNew; the lifecycle's
    /// inbox carries it in the checkpoint instead. Over HTTP the window is short (the API accepts a move once the
    /// read model says AwaitingMove, written just before the generation continues as new), but it is real under load.
    /// </summary>
    [Fact]
    public async Task A_move_recorded_while_the_first_generation_is_still_busy_is_handed_to_the_move_generation()
    {
        var id = await engine.StartAsync(Days.TimersCannotFire);

        // Both at once: the move arrives while consent and financing run, where nothing waits for it.
        await engine.RaiseAsync(id, new ConsentDecided(Given: true, "caseworker"));
        await engine.RaiseAsync(id, new MoveRecorded(WorkflowEngine.Today, null, "caseworker"));

        var agreement = await engine.WaitForStatusAsync(id, AgreementStatus.Monitoring);
        Assert.Equal(WorkflowEngine.Today, agreement.MovedOn);
        await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint is { Phase: LifecyclePhase.Monitoring, Milestone: Milestone.M3 }, "the M3 generation");
        await engine.RaiseAsync(id, new StopRequested(StopKind.Cancel, "caseworker"));
        await engine.WaitForStatusAsync(id, AgreementStatus.Cancelled);
    }
}
