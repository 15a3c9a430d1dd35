using System.Globalization;
using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// The keys of the agreement list index (table <see cref="Configuration.StorageNames.AgreementList"/>). Every agreement has
/// one row in each of these indexes in the scope of its municipality (RowKeys after "municipality!{code}!") and again in
/// the scope <see cref="AllMunicipalities"/> (the monitoring unit's list; no scope prefix); a row's RowKey is the scope's
/// prefix, the index's prefix and the sort key:
/// <list type="bullet">
/// <item>"all!" — every agreement;</item>
/// <item>"status!{status}!";</item>
/// <item>"area!{housing area}!" (normalized, key-escaped), when the agreement has one;</item>
/// <item>"caseworker!{caseworker id}!" (key-escaped), when it has one;</item>
/// <item>"action!", while it needs action.</item>
/// </list>
/// One more index, in the partition <see cref="AllMunicipalities"/> only, is not a list: "ended!{status}!" holds each ended
/// agreement whose personal data the retention job has not finished with, sorted by when it ended instead of by due date
/// (<see cref="Ended"/>), so the job reads the due ones as one key range.
/// The sort key is the next due instant in UTC ticks (19 digits; no due date sorts last) + "_" + agreement id, so one
/// index read in key order is the list sorted by next due date, and one filter is one key range (<see cref="KeyRange"/>).
/// Every row is in the one partition <see cref="Partition"/>, so a change that moves an agreement's rows (the next due date
/// is in every key) is one batch transaction for all of them. (Until the twenty-third session each municipality's scope
/// was a partition of its own, which made it two; <c>ReindexOutdatedAsync</c> moves rows written that way.) One
/// partition bounds the index's writes at Table storage's target for a partition, 2,000 entities a second: about a
/// hundred agreement changes a second, far above what caseworkers and workflows make.
/// </summary>
public static class AgreementListKeys
{
    /// <summary>The scope that holds every municipality's agreements.</summary>
    public const string AllMunicipalities = "all";

    /// <summary>
    /// The partition of every index row. Named as the scope <see cref="AllMunicipalities"/> whose rows it held alone before,
    /// so those rows and the ended index kept their keys.
    /// </summary>
    public const string Partition = AllMunicipalities;

    private const char Separator = '_';

    public static string SortKey(DateTimeOffset? nextDueAt, string agreementId) =>
        string.Create(CultureInfo.InvariantCulture, $"{nextDueAt?.UtcTicks ?? long.MaxValue:D19}{Separator}{agreementId}");

    /// <summary>The agreement id in a RowKey (or sort key) this class made (null for anything else).</summary>
    public static string? AgreementIdOf(string rowKey)
    {
        var sortKey = rowKey[(rowKey.LastIndexOf(KeyRange.Terminator) + 1)..];
        return sortKey is { Length: > 20 } && sortKey[19] == Separator ? sortKey[20..] : null;
    }

    internal static KeyRange Everything(string scope) => Index(scope, "all");

    internal static KeyRange ByStatus(string scope, AgreementStatus status) => Index(scope, "status", status.ToString());

    internal static KeyRange ByArea(string scope, string area) => Index(scope, "area", TableKeys.Escape(HousingAreas.Normalize(area)));

    internal static KeyRange ByCaseworker(string scope, string caseworkerId) => Index(scope, "caseworker", TableKeys.Escape(caseworkerId));

    internal static KeyRange NeedingAction(string scope) => Index(scope, "action");

    /// <summary>Ended agreements of <paramref name="status"/> not yet done by the retention job, by when they ended.</summary>
    internal static KeyRange Ended(AgreementStatus status) => Index(AllMunicipalities, "ended", status.ToString());

    /// <summary>The index rows <paramref name="agreement"/> has in its current state.</summary>
    public static IReadOnlyList<TableKey> Of(AgreementRecord agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var sortKey = SortKey(agreement.NextDueAt, agreement.AgreementId);
        List<TableKey> keys = [];
        foreach (var scope in new[] { TableKeys.Escape(agreement.MunicipalityCode), AllMunicipalities })
        {
            List<KeyRange> indexes = [Everything(scope), ByStatus(scope, agreement.Status)];
            if (agreement.HousingArea is { } area && HousingAreas.Normalize(area).Length > 0)
            {
                indexes.Add(ByArea(scope, area));
            }

            if (!string.IsNullOrEmpty(agreement.CaseworkerId))
            {
                indexes.Add(ByCaseworker(scope, agreement.CaseworkerId));
            }

            if (agreement.NeedsAction)
            {
                indexes.Add(NeedingAction(scope));
            }

            keys.AddRange(indexes.Select(index => new TableKey(index.PartitionKey, index.Prefix + sortKey)));
        }

        if (agreement.EndedOrLastChangedAt is { } endedAt && agreement.PersonalDataErasedAt is null)
        {
            var ended = Ended(agreement.Status);
            keys.Add(new TableKey(ended.PartitionKey, ended.Prefix + SortKey(endedAt, agreement.AgreementId)));
        }

        return keys;
    }

    private static KeyRange Index(string scope, string dimension, string? value = null)
    {
        var index = value is null ? $"{dimension}{KeyRange.Terminator}" : $"{dimension}{KeyRange.Terminator}{value}{KeyRange.Terminator}";
        return new(Partition, scope == AllMunicipalities ? index : $"municipality{KeyRange.Terminator}{scope}{KeyRange.Terminator}{index}");
    }
}
