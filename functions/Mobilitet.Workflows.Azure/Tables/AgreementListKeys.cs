using System.Globalization;
using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// The keys of the agreement list index (table <see cref="Configuration.StorageNames.AgreementList"/>).
/// Every agreement has one row in each of these partitions, for its municipality and again for
/// "all municipalities" (the monitoring unit's list):
/// <list type="bullet">
/// <item>"{scope}_all" — every agreement;</item>
/// <item>"{scope}_status_{status}";</item>
/// <item>"{scope}_area_{housing area}" (normalized, key-escaped), when the agreement has one;</item>
/// <item>"{scope}_caseworker_{caseworker id}", when it has one;</item>
/// <item>"{scope}_action", while it needs action.</item>
/// </list>
/// where scope is the municipality code or <see cref="AllMunicipalities"/>. RowKey = next due instant in
/// UTC ticks (19 digits; no due date sorts last) + "_" + agreement id, so a partition read in key order is
/// the list sorted by next due date, and one filter is one key range.
/// </summary>
public static class AgreementListKeys
{
    /// <summary>The scope of the partitions that hold every municipality's agreements.</summary>
    public const string AllMunicipalities = "all";

    private const char Separator = '_';

    public static string RowKey(DateTimeOffset? nextDueAt, string agreementId) =>
        string.Create(CultureInfo.InvariantCulture, $"{nextDueAt?.UtcTicks ?? long.MaxValue:D19}{Separator}{agreementId}");

    /// <summary>The agreement id in a RowKey this class made (null for anything else).</summary>
    public static string? AgreementIdOf(string rowKey) =>
        rowKey is { Length: > 20 } && rowKey[19] == Separator ? rowKey[20..] : null;

    public static string Everything(string scope) => Partition(scope, "all");

    public static string ByStatus(string scope, AgreementStatus status) => Partition(scope, "status", status.ToString());

    public static string ByArea(string scope, string area) => Partition(scope, "area", TableKeys.Escape(HousingAreas.Normalize(area)));

    public static string ByCaseworker(string scope, string caseworkerId) => Partition(scope, "caseworker", TableKeys.Escape(caseworkerId));

    public static string NeedingAction(string scope) => Partition(scope, "action");

    /// <summary>The index rows <paramref name="agreement"/> has in its current state.</summary>
    public static IReadOnlyList<TableKey> Of(AgreementRecord agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var rowKey = RowKey(agreement.NextDueAt, agreement.AgreementId);
        List<TableKey> keys = [];
        foreach (var scope in new[] { TableKeys.Escape(agreement.MunicipalityCode), AllMunicipalities })
        {
            keys.Add(new TableKey(Everything(scope), rowKey));
            keys.Add(new TableKey(ByStatus(scope, agreement.Status), rowKey));
            if (agreement.HousingArea is { } area && HousingAreas.Normalize(area).Length > 0)
            {
                keys.Add(new TableKey(ByArea(scope, area), rowKey));
            }

            if (!string.IsNullOrEmpty(agreement.CaseworkerId))
            {
                keys.Add(new TableKey(ByCaseworker(scope, agreement.CaseworkerId), rowKey));
            }

            if (agreement.NeedsAction)
            {
                keys.Add(new TableKey(NeedingAction(scope), rowKey));
            }
        }

        return keys;
    }

    private static string Partition(string scope, string dimension, string? value = null) =>
        value is null ? string.Concat(scope, "_", dimension) : string.Concat(scope, "_", dimension, "_", value);
}
