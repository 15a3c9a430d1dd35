using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Http.Responses;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Hosting.Queries;

/// <summary>
/// The one read of an agreement's personal data (the parties with the CPR number masked, the reasons, the
/// supervisors' notes, the resident's check-in comments), for the JSON API and the agreement page alike: only for caseworkers of the
/// agreement's municipality (<see cref="Access.MaySeePersonalData"/>), and every read is written to the
/// audit log before anything is returned, so a view that cannot be audited is not shown.
/// </summary>
public sealed class PersonalDataQuery(IPersonalDataVault vault, IEscalationRepository escalations, IAuditLog audit, TimeProvider time)
{
    /// <summary>Why someone else is not shown the personal data.</summary>
    public const string NotAllowed = "Personoplysninger vises kun for sagsbehandlere i aftalens kommune.";

    /// <param name="knownEscalations">The agreement's escalations if the caller has read them already (their notes are looked up).</param>
    /// <returns>The personal data, or null if <paramref name="user"/> may not see it (then nothing is read or audited).</returns>
    public async Task<PersonalDataDetails?> ReadAsync(CurrentUser user, AgreementRecord agreement, CancellationToken cancellationToken, IReadOnlyList<EscalationRecord>? knownEscalations = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(agreement);
        if (!user.MaySeePersonalData(agreement.MunicipalityCode))
        {
            return null;
        }

        var id = agreement.AgreementId;
        var parties = await vault.FindAsync(id, cancellationToken);
        var notes = new List<EscalationNote>();
        foreach (var escalation in knownEscalations ?? await escalations.ListAsync(id, cancellationToken))
        {
            if (await vault.FindEscalationNoteAsync(id, escalation.EscalationId, cancellationToken) is { } note)
            {
                notes.Add(new EscalationNote(escalation.EscalationId, note));
            }
        }

        var comments = new List<CheckInComment>();
        if (PolicyCatalog.TryGet(agreement.PolicyName, out var policy) && policy.WellBeing is not null)
        {
            foreach (var milestone in Milestones.InOrder)
            {
                if (await vault.FindCheckInCommentAsync(id, milestone, cancellationToken) is { } comment)
                {
                    comments.Add(new CheckInComment(milestone.ToString(), comment));
                }
            }
        }

        // Written before the data is shown: a view that cannot be audited is not shown.
        await audit.AppendAsync(AuditedBy.Of(user).Did(AuditAction.ViewedPersonalData, id, time.GetUtcNow()), cancellationToken);
        return parties.ToPersonalDataDetails(id, notes) with { CheckInComments = comments };
    }
}
