using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Operations;

/// <summary>
/// Whether a running agreement made no progress past its next due time. "Next due" is the read model's own
/// <see cref="AgreementRecord.NextDueAt"/> (what Mine opgaver and the agreement list sort by: the earliest open task —
/// the consent or financing deadline, a move or data task — else the planned move or the next milestone). At that time
/// the workflow acts (expires, reminds, measures, escalates) and writes a step on the timeline, after at most the
/// pinned policy's own grace for the phase (the move reminder's days, the missing-data days); a margin on top absorbs a
/// late timer. Nothing on the timeline since the due time, once due + grace + margin has passed, is a stall.
/// </summary>
public static class StallRule
{
    /// <returns>The due time that passed without progress; null when the agreement is not stalled.</returns>
    public static DateTimeOffset? PassedDue(AgreementRecord agreement, DateTimeOffset lastProgressAt, DateTimeOffset now, TimeSpan margin)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        if (agreement.Status.AcceptsNoSteps() || agreement.NextDueAt is not { } due || agreement.Clock is not { } clock)
        {
            return null;
        }

        var graceDays = PolicyCatalog.TryGet(agreement.PolicyName, out var policy) ? GraceDays(agreement.Status, policy) : 1;
        var overdueFrom = due + clock.Days(Math.Max(1, graceDays)) + margin;
        return now > overdueFrom && lastProgressAt < due ? due : null;
    }

    private static int GraceDays(AgreementStatus status, LifecyclePolicy policy) => status switch
    {
        AgreementStatus.AwaitingMove => policy.Move.ReminderDaysAfterPlannedDate,
        AgreementStatus.Monitoring => policy.MissingData.EscalateAfterDays,
        _ => 1,
    };
}
