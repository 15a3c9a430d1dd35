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
    // Milestones that fell due without data; a MeasurementRecorded event for one of them measures it.
    private readonly HashSet<Milestone> awaitingData = [];

    public async Task<AgreementStatus> RunAsync(DateOnly movedOn)
    {
        foreach (var milestone in Milestones.InOrder)
        {
            await MeasureLateDataUntilAsync(run.Clock.StartOf(movedOn, milestone.MonthsAfterMove()));
            if (await MeasureAsync(milestone) != MeasurementOutcome.MissingData)
            {
                continue;
            }

            awaitingData.Add(milestone);
            var escalateAt = run.DaysFromNow(run.Policy.MissingData.EscalateAfterDays);
            await run.OpenTaskAsync(TaskKind.MeasurementDataMissing, due: escalateAt, milestone);
            await run.NotifyAsync(NotificationKind.MeasurementDataMissing, milestone.ToString(), respondBy: escalateAt, milestone: milestone);
            await run.ProgressAsync(TimelineKind.MeasurementReminderSent, detail: milestone.ToString());
            await MeasureLateDataUntilAsync(escalateAt, until: () => !awaitingData.Contains(milestone));
            if (awaitingData.Contains(milestone))
            {
                run.Escalate(EscalationReason.MeasurementDataMissing, DataSubject(milestone), milestone);
            }
        }

        // The last measurement is what the agreement is judged on: it completes once M36 exists.
        await MeasureLateDataUntilAsync(deadline: null, until: () => !awaitingData.Contains(Milestone.M36));
        return await run.EndAsync(AgreementStatus.Completed, TimelineKind.AgreementCompleted);
    }

    private async Task<MeasurementOutcome> MeasureAsync(Milestone milestone)
    {
        var result = await run.CallAsync<MeasurementResult>(
            nameof(MeasureMilestone),
            new MeasurementInput(run.AgreementId, milestone, run.Now));

        if (result.Outcome != MeasurementOutcome.MissingData && awaitingData.Remove(milestone))
        {
            run.CloseEscalation(DataSubject(milestone));
            await run.CloseTaskAsync(TaskKind.MeasurementDataMissing, milestone);
        }

        if (result.Outcome == MeasurementOutcome.BelowThreshold)
        {
            run.Escalate(EscalationReason.IndicatorBelowThreshold, milestone.ToString(), milestone);
        }

        return result.Outcome;
    }

    /// <summary>
    /// Waits until <paramref name="deadline"/> (null: no deadline) or until <paramref name="until"/>
    /// holds, measuring any milestone whose data arrives while it waits.
    /// </summary>
    private async Task MeasureLateDataUntilAsync(DateTime? deadline, Func<bool>? until = null)
    {
        while (until is null || !until())
        {
            var recorded = await run.WaitAsync<MeasurementRecorded>(deadline);
            if (recorded.Event is not { } arrived)
            {
                return;
            }

            if (awaitingData.Contains(arrived.Milestone))
            {
                await MeasureAsync(arrived.Milestone);
            }
        }
    }

    private static string DataSubject(Milestone milestone) => $"{milestone}-data";
}
