using System.Text.Json;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Operations;

/// <summary>
/// The last good step of an agreement, worked out from what the read model and the timeline recorded (not from the
/// engine, whose instance may be gone or broken), as the checkpoint a new generation of the lifecycle starts from:
/// moved → the first milestone after the last one measured (the earlier unmeasured ones wait for data), or completion
/// after M36; financing approved → the move; consent given → consent and financing, with the recorded consent handed
/// to the generation so it is not asked for again; otherwise → consent. Steps the generation repeats write nothing twice
/// (timeline steps are kept once by kind, detail and actor; emails are claimed before they are sent).
/// </summary>
/// <param name="Status">The status the agreement runs in from this point (what the read model shows again).</param>
public sealed record ResumePoint(AgreementStatus Status, LifecycleCheckpoint Checkpoint)
{
    public LifecyclePhase Phase => Checkpoint.Phase;

    public static ResumePoint Of(
        AgreementRecord agreement,
        IReadOnlyList<TimelineEntry> timeline,
        IReadOnlyList<MeasurementRecord> measurements,
        IReadOnlyList<string> openEscalations,
        IReadOnlyList<string> openTasks)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(measurements);
        LifecycleCheckpoint At(LifecyclePhase phase, DateOnly? movedOn = null, Milestone? milestone = null, IReadOnlyList<Milestone>? awaiting = null, IReadOnlyList<CarriedEvent>? carried = null) =>
            new(phase, movedOn, milestone, awaiting ?? [], [.. openEscalations.Order(StringComparer.Ordinal)], [.. openTasks.Order(StringComparer.Ordinal)], Generation: 1, carried);

        if (agreement.MovedOn is { } movedOn)
        {
            // A milestone with a record has been through its generation (measured, or found without data).
            var passed = measurements.Select(m => m.Milestone).ToHashSet();
            var measured = measurements.Where(m => m.Outcome != MeasurementOutcome.MissingData).Select(m => m.Milestone).ToHashSet();
            var next = passed.Count == 0 ? Milestones.InOrder[0] : Milestones.After(Milestones.InOrder.Last(passed.Contains));
            if (next is not { } milestone)
            {
                return new(AgreementStatus.Monitoring, At(LifecyclePhase.Completion, movedOn));
            }

            var awaiting = Milestones.InOrder.TakeWhile(m => m != milestone).Where(m => !measured.Contains(m)).ToList();
            return new(AgreementStatus.Monitoring, At(LifecyclePhase.Monitoring, movedOn, milestone, awaiting));
        }

        if (timeline.Any(entry => entry.Kind is TimelineKind.FinancingAutoApproved or TimelineKind.FinancingApproved))
        {
            return new(AgreementStatus.AwaitingMove, At(LifecyclePhase.Move));
        }

        if (timeline.LastOrDefault(entry => entry.Kind == TimelineKind.ConsentGiven) is { } consent)
        {
            // The same actor as recorded, so the consent step's timeline entry is recognised as written already.
            var given = new CarriedEvent(WorkflowEvents.NameOf<ConsentDecided>(), JsonSerializer.SerializeToElement(new ConsentDecided(true, consent.Actor)));
            return new(AgreementStatus.AwaitingFinancing, At(LifecyclePhase.Start, carried: [given]));
        }

        return new(AgreementStatus.AwaitingConsent, At(LifecyclePhase.Start));
    }

    /// <summary>The input of a new instance that starts from this point (the current workflow version runs it).</summary>
    public AgreementLifecycleInput InputFor(AgreementRecord agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return new AgreementLifecycleInput(
            agreement.AgreementId,
            agreement.PolicyName,
            agreement.CreatedAt.UtcDateTime,
            agreement.DayLength,
            agreement.PlannedMoveDate,
            agreement.SupervisorLevels,
            Checkpoint);
    }

    /// <summary>
    /// Whether re-running a generation that started from <paramref name="input"/> repeats nothing already done: it starts
    /// at this point's phase (an instance without a checkpoint, 1.0 and 1.1 or a first generation, starts at consent).
    /// </summary>
    public bool Matches(AgreementLifecycleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var phase = input.Resume?.Phase ?? LifecyclePhase.Start;
        return phase == Phase
            && (Phase != LifecyclePhase.Start || Status == AgreementStatus.AwaitingConsent || input.Resume?.Carried is { Count: > 0 })
            && (Phase != LifecyclePhase.Monitoring || input.Resume?.Milestone == Checkpoint.Milestone);
    }
}
