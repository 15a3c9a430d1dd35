using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Digests;

/// <summary>One person's digest for one day: what waits for them, overdue first, then by due time.</summary>
/// <param name="RecipientKey">The keyed hash of <paramref name="RecipientEmail"/> (<see cref="Notifications.RecipientKeys"/>): what "sent today" is recorded under.</param>
public sealed record DailyDigest(DateOnly Day, string RecipientEmail, string RecipientKey, IReadOnlyList<DigestItem> Items);

/// <summary>One thing waiting: an open task of the person's on one agreement. Ids, codes and dates; no resident's data.</summary>
public sealed record DigestItem(
    string AgreementId,
    string MunicipalityCode,
    TaskKind Kind,
    Milestone? Milestone,
    int? Level,
    DateTimeOffset DueAt,
    DateOnly DueDate,
    bool IsOverdue);
