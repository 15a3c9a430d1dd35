using Microsoft.DurableTask;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.WellBeing;

namespace Mobilitet.Workflows.Workflow.Activities;

/// <param name="ExpiresAt">When the answer window closes: the milestone's due instant (real time, UTC).</param>
public sealed record CheckInInvitation(string AgreementId, Milestone Milestone, DateTime ExpiresAt, DateTime At);

/// <summary>
/// Opens the resident's well-being check-in for a milestone (the email with its link is sent next, as a notification).
/// Returns false, and opens nothing, when the resident has no email address (or their data is erased): the check-in is
/// then simply not answered, which is recorded as missing, never as low.
/// </summary>
public sealed class InviteToCheckIn(IPersonalDataVault vault, ICheckInStore checkIns, ITimeline timeline) : TaskActivity<CheckInInvitation, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CheckInInvitation input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await vault.FindAsync(input.AgreementId, CancellationToken.None) is not { Resident.Email: not null })
        {
            return false;
        }

        var at = new DateTimeOffset(input.At, TimeSpan.Zero);
        await checkIns.InviteAsync(new CheckIn(input.AgreementId, input.Milestone, at, new DateTimeOffset(input.ExpiresAt, TimeSpan.Zero)), CancellationToken.None);
        await timeline.AppendStepOnceAsync(input.AgreementId, new TimelineEntry(at, TimelineKind.WellBeingCheckInSent, "system", input.Milestone.ToString()), CancellationToken.None);
        return true;
    }
}
