using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow.Activities;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Workflow.Steps;

/// <summary>
/// Monitoring: at M3, M12 and M36 after the actual move the milestone is measured against the
/// pinned policy. A breach escalates; missing data gets a reminder and a task on the caseworker's board
/// (due when it escalates), and escalates after the policy's grace period. Escalations run on their own
/// and never hold back the next milestone. Data that arrives late still completes its measurement (and
/// closes its task), and the agreement completes once M36 is measured.
/// </summary>
public sealed class MonitoringStep(LifecycleRun run)
{
    /// <summary>Every milestone and completion in one history (versions 1.0 and 1.1).</summary>
    public async Task<AgreementStatus> RunAsync(DateOnly movedOn)
    {
        foreach (var milestone in Milestones.InOrder)
        {
            await MilestoneAsync(movedOn, milestone);
        }

        return await CompleteAsync();
    }

    /// <summary>
    /// One milestone: wait for its due date (measuring late data of earlier ones meanwhile), measure it, and
    /// if its data is missing, remind, wait the grace period and escalate. From version 1.2 this is one
    /// generation; its opening wait may continue as new (<see cref="LifecycleRun.WaitOpeningAsync{TEvent}"/>).
    /// </summary>
    public async Task MilestoneAsync(DateOnly movedOn, Milestone milestone)
    {
        var due = run.Clock.StartOf(movedOn, milestone.MonthsAfterMove());
        if (run.Policy.WellBeing is { } wellBeing)
        {
            // The resident is asked ahead of the due date, so their answer is in when the milestone is measured.
            await MeasureLateDataUntilAsync(run.Clock.StartOf(movedOn.AddMonths(milestone.MonthsAfterMove()).AddDays(-wellBeing.AnswerWindowDays)), opening: true);
            await CheckInAsync(milestone, due);
            await MeasureLateDataUntilAsync(due);
        }
        else
        {
            await MeasureLateDataUntilAsync(due, opening: true);
        }

        if (await MeasureAsync(milestone) != MeasurementOutcome.MissingData)
        {
            return;
        }

        run.AwaitingData.Add(milestone);
        var escalateAt = run.DaysFromNow(run.Policy.MissingData.EscalateAfterDays);
        await run.OpenTaskAsync(TaskKind.MeasurementDataMissing, due: escalateAt, milestone);
        await run.NotifyAsync(NotificationKind.MeasurementDataMissing, milestone.ToString(), respondBy: escalateAt, milestone: milestone);
        await run.ProgressAsync(TimelineKind.MeasurementReminderSent, detail: milestone.ToString());
        await MeasureLateDataUntilAsync(escalateAt, until: () => !run.AwaitingData.Contains(milestone));
        if (run.AwaitingData.Contains(milestone))
        {
            await run.EscalateAsync(EscalationReason.MeasurementDataMissing, DataSubject(milestone), milestone);
        }
    }

    /// <summary>
    /// The last measurement is what the agreement is judged on: it completes once M36 exists. From version 1.4 it also
    /// waits for every extra measurement still scheduled and for the decisions on escalations that may schedule one (an
    /// M36 breach decided "extend monitoring" months later still keeps it open); this is a generation of its own
    /// (<see cref="LifecyclePhase.Completion"/>), whose wait may continue as new.
    /// </summary>
    public async Task<AgreementStatus> CompleteAsync()
    {
        if (run.ActsOnDecisions)
        {
            await MeasureLateDataUntilAsync(
                deadline: null,
                until: () => !run.AwaitingData.Contains(Milestone.M36) && !run.AwaitsDecisions && !run.HasExtensions,
                opening: true);
        }
        else
        {
            await MeasureLateDataUntilAsync(deadline: null, until: () => !run.AwaitingData.Contains(Milestone.M36));
        }

        await run.SettleAsync(AgreementStatus.Completed);
        if (run.ActsOnDecisions)
        {
            // The caseworker hears that it is done, with its effect (1.4 on, which no agreement ran before this email);
            // sent before the status changes, so whoever sees "Completed" sees the email on the timeline too.
            await run.NotifyAsync(NotificationKind.AgreementCompleted, "completed");
        }

        return await run.EndAsync(AgreementStatus.Completed, TimelineKind.AgreementCompleted);
    }

    /// <summary>Opens the resident's check-in, answerable until the milestone falls due, and emails them its link.</summary>
    private async Task CheckInAsync(Milestone milestone, DateTime due)
    {
        if (await run.CallAsync<bool>(nameof(InviteToCheckIn), new CheckInInvitation(run.AgreementId, milestone, due, run.Now)))
        {
            await run.NotifyAsync(NotificationKind.WellBeingCheckIn, $"checkin-{milestone}", respondBy: due, milestone: milestone);
        }
    }

    private async Task<MeasurementOutcome> MeasureAsync(Milestone milestone)
    {
        var result = await run.CallAsync<MeasurementResult>(
            nameof(MeasureMilestone),
            new MeasurementInput(run.AgreementId, milestone, run.Now));

        if (result.Outcome != MeasurementOutcome.MissingData && run.AwaitingData.Remove(milestone))
        {
            run.CloseEscalation(DataSubject(milestone));
            await run.CloseTaskAsync(TaskKind.MeasurementDataMissing, milestone);
        }

        if (result.Outcome == MeasurementOutcome.BelowThreshold)
        {
            await run.EscalateAsync(EscalationReason.IndicatorBelowThreshold, milestone.ToString(), milestone);
        }

        return result.Outcome;
    }

    /// <summary>
    /// Waits until <paramref name="deadline"/> (null: no deadline) or until <paramref name="until"/>
    /// holds, measuring any milestone whose data arrives while it waits. An <paramref name="opening"/> wait
    /// is the milestone's first, which may continue in a new generation. From version 1.3 one timer serves the whole
    /// wait (data for a milestone not yet due wakes it, and it goes on against the same timer).
    /// </summary>
    private async Task MeasureLateDataUntilAsync(DateTime? deadline, Func<bool>? until = null, bool opening = false)
    {
        if (run.ActsOnDecisions)
        {
            await MeasureDueUntilAsync(deadline, until, opening);
            return;
        }

        using var shared = run.SharesDeadlines ? run.DeadlineAt(deadline, opening) : null;
        while (until is null || !until())
        {
            var recorded = shared is not null ? await run.WaitAsync<MeasurementRecorded>(shared)
                : opening && deadline is { } due ? await run.WaitOpeningAsync<MeasurementRecorded>(due)
                : await run.WaitAsync<MeasurementRecorded>(deadline);
            if (recorded.Event is not { } arrived)
            {
                return;
            }

            if (run.AwaitingData.Contains(arrived.Milestone))
            {
                await MeasureAsync(arrived.Milestone);
            }
        }
    }

    /// <summary>
    /// Version 1.4's <see cref="MeasureLateDataUntilAsync"/>: besides late data it takes every extra measurement as it falls
    /// due, and it wakes when one of the run's escalations ends (which may schedule one earlier than it waits for). One timer
    /// serves the wait until what it is set for changes.
    /// </summary>
    private async Task MeasureDueUntilAsync(DateTime? deadline, Func<bool>? until, bool opening)
    {
        var movedOn = run.Checkpoint.MovedOn ?? throw new InvalidOperationException("Monitoring needs the move date.");
        WaitDeadline? timer = null;
        DateTime? timerAt = null;
        try
        {
            while (until is null || !until())
            {
                var extensionDue = run.ExtensionsByDue(movedOn) is [var first, ..] ? first.DueAt : (DateTime?)null;
                var wake = extensionDue is { } due && (deadline is null || due < deadline) ? extensionDue : deadline;
                if (timer is null || timerAt != wake)
                {
                    timer?.Dispose();
                    timer = run.DeadlineAt(wake, opening);
                    timerAt = wake;
                }

                var waited = await run.WaitAsync<MeasurementRecorded>(timer, wakeOnSettled: true);
                if (waited.Event is { } arrived)
                {
                    if (run.AwaitingData.Contains(arrived.Milestone))
                    {
                        await MeasureAsync(arrived.Milestone);
                    }

                    continue;
                }

                if (waited.Settled)
                {
                    continue;
                }

                // The timer fired: take what was due by then (timers may fire a moment early, so by the instant set).
                timer.Dispose();
                timer = null;
                await MeasureExtensionsDueAsync(movedOn, wake!.Value);
                if (wake == deadline)
                {
                    return;
                }
            }
        }
        finally
        {
            timer?.Dispose();
        }
    }

    /// <summary>
    /// Takes the extra measurements due by <paramref name="at"/>, each like a milestone against the milestone's thresholds:
    /// a breach escalates, and so does missing data (at once: an extension has no grace period of its own).
    /// </summary>
    private async Task MeasureExtensionsDueAsync(DateOnly movedOn, DateTime at)
    {
        foreach (var (extension, _) in run.ExtensionsByDue(movedOn).Where(due => due.DueAt <= at))
        {
            var result = await run.CallAsync<MeasurementResult>(
                nameof(MeasureMilestone),
                new MeasurementInput(run.AgreementId, extension.Milestone, run.Now, extension.Months));
            run.ExtensionTaken(extension);
            var subject = $"{extension.Milestone}-ext{extension.Months}";
            if (result.Outcome == MeasurementOutcome.BelowThreshold)
            {
                await run.EscalateAsync(EscalationReason.IndicatorBelowThreshold, subject, extension.Milestone, extension.Months);
            }
            else if (result.Outcome == MeasurementOutcome.MissingData)
            {
                await run.EscalateAsync(EscalationReason.MeasurementDataMissing, DataSubject(subject), extension.Milestone, extension.Months);
            }
        }
    }

    private static string DataSubject(Milestone milestone) => DataSubject(milestone.ToString());

    private static string DataSubject(string subject) => $"{subject}-data";
}
