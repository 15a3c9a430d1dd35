using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Digests;

/// <summary>
/// Who gets a digest and what is in it, from the open tasks and the agreements' parties: a caseworker the caseworker
/// tasks of the agreements they are the caseworker on, a supervisor the escalations waiting at their level (the same
/// person the escalation email went to). Overdue first, then by due time. Nobody without an item gets a digest.
/// Finance approvers share a team mailbox and get their requests by email as they come, so they have no digest.
/// </summary>
public static class DigestPlanner
{
    public static IReadOnlyList<DailyDigest> Plan(
        DateOnly day,
        DateTimeOffset now,
        IEnumerable<CaseTask> openTasks,
        IReadOnlyDictionary<string, AgreementPersonalData> partiesByAgreement,
        RecipientKeys recipients)
    {
        ArgumentNullException.ThrowIfNull(openTasks);
        ArgumentNullException.ThrowIfNull(partiesByAgreement);
        ArgumentNullException.ThrowIfNull(recipients);
        var byRecipient = new Dictionary<string, (string Email, List<DigestItem> Items)>(StringComparer.Ordinal);
        foreach (var task in openTasks)
        {
            if (!partiesByAgreement.TryGetValue(task.AgreementId, out var parties) || RecipientOf(task, parties) is not { } email)
            {
                continue; // erased meanwhile, or a task that is not a person's (financing)
            }

            var key = recipients.KeyOf(email);
            if (!byRecipient.TryGetValue(key, out var entry))
            {
                entry = (email, []);
                byRecipient[key] = entry;
            }

            entry.Items.Add(new DigestItem(task.AgreementId, task.MunicipalityCode, task.Kind, task.Milestone, task.Level, task.DueAt, task.DueDate, task.IsOverdue(now)));
        }

        return byRecipient
            .Select(pair => new DailyDigest(
                day,
                pair.Value.Email,
                pair.Key,
                pair.Value.Items.OrderByDescending(item => item.IsOverdue).ThenBy(item => item.DueAt).ThenBy(item => item.AgreementId, StringComparer.Ordinal).ToList()))
            .OrderBy(digest => digest.RecipientKey, StringComparer.Ordinal)
            .ToList();
    }

    private static string? RecipientOf(CaseTask task, AgreementPersonalData parties) => task.Role switch
    {
        Roles.Caseworker => parties.Caseworker.Email,
        Roles.Supervisor when task.Level is { } level && parties.SupervisorEmails.Count > 0 => NotificationLinks.SupervisorAt(parties.SupervisorEmails, level),
        _ => null,
    };
}
