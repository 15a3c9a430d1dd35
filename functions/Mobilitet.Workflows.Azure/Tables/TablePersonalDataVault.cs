using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Protection;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// The personal data vault in its own table, <see cref="StorageNames.PersonalData"/>: PartitionKey
/// = agreement id; RowKey = "parties" for the parties, the stop reason and the financing rejection reason, "note:{escalation id}" for a
/// supervisor's note on an escalation decision. Every column is encrypted at rest (<see cref="PersonalDataKind.Vault"/>);
/// rows written in clear text before that are read as they are until <see cref="EncryptClearTextAsync"/> encrypts them.
/// Nothing read here is ever logged.
/// </summary>
public sealed class TablePersonalDataVault : IPersonalDataVault, IVaultInventory, IClearPersonalDataMigration
{
    /// <summary>The vault row's RowKey.</summary>
    public const string PartiesRowKey = "parties";

    private const string NotePrefix = "note:";
    private const string CheckInPrefix = "checkin:";

    private readonly TableClient table;
    private readonly ProtectedColumns protectedColumns;

    public TablePersonalDataVault(TableServiceClient service, IOptions<StorageOptions> options, IPersonalDataProtector protector)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.PersonalData));
        protectedColumns = new ProtectedColumns(protector, PersonalDataKind.Vault, Columns.All);
    }

    public async Task SaveAsync(string agreementId, AgreementPersonalData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var row = new TableEntity(TableKeys.RequireSafe(agreementId, nameof(agreementId)), PartiesRowKey)
        {
            [Columns.ResidentCpr] = data.Resident.Cpr,
            [Columns.ResidentName] = data.Resident.Name,
            [Columns.CaseworkerName] = data.Caseworker.Name,
            [Columns.CaseworkerEmail] = data.Caseworker.Email,
            [Columns.SupervisorEmails] = JsonSerializer.Serialize(data.SupervisorEmails),
            [Columns.FinancingPurpose] = data.FinancingPurpose,
        };
        row.SetOptional(Columns.ResidentEmail, data.Resident.Email);
        row.SetOptional(Columns.ResidentPhone, data.Resident.Phone);
        row.SetOptional(Columns.StopReason, data.StopReason);
        row.SetOptional(Columns.FinancingDecisionReason, data.FinancingDecisionReason);
        await table.UpsertEntityAsync(protectedColumns.Protect(row), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AgreementPersonalData?> FindAsync(string agreementId, CancellationToken cancellationToken)
    {
        var row = await table.FindAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), PartiesRowKey, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        protectedColumns.Unprotect(row);

        var supervisors = JsonSerializer.Deserialize<string[]>(row.RequiredString(Columns.SupervisorEmails))
            ?? throw new InvalidDataException($"Row {row.PartitionKey}/{row.RowKey} has no supervisor list.");
        return new AgreementPersonalData(
            new Resident(
                row.RequiredString(Columns.ResidentCpr),
                row.RequiredString(Columns.ResidentName),
                row.OptionalString(Columns.ResidentEmail),
                row.OptionalString(Columns.ResidentPhone)),
            new Caseworker(row.RequiredString(Columns.CaseworkerName), row.RequiredString(Columns.CaseworkerEmail)),
            supervisors,
            row.RequiredString(Columns.FinancingPurpose),
            row.NonEmptyString(Columns.StopReason),
            row.NonEmptyString(Columns.FinancingDecisionReason));
    }

    /// <summary>
    /// Merges the reason into the agreement's vault row. Without a vault row (never saved, or erased
    /// after a withdrawal) nothing is stored: personal data is not brought back after an erasure.
    /// </summary>
    public Task SaveStopReasonAsync(string agreementId, string reason, CancellationToken cancellationToken) =>
        MergeIntoPartiesAsync(agreementId, Columns.StopReason, reason, cancellationToken);

    /// <summary>Merges the reason into the agreement's vault row, like <see cref="SaveStopReasonAsync"/>.</summary>
    public Task SaveFinancingDecisionReasonAsync(string agreementId, string reason, CancellationToken cancellationToken) =>
        MergeIntoPartiesAsync(agreementId, Columns.FinancingDecisionReason, reason, cancellationToken);

    private async Task MergeIntoPartiesAsync(string agreementId, string column, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var row = new TableEntity(TableKeys.RequireSafe(agreementId, nameof(agreementId)), PartiesRowKey) { [column] = protectedColumns.Protect(text) };
        try
        {
            await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.NotFound)
        {
            // No personal data (left) for this agreement.
        }
    }

    public Task SaveEscalationNoteAsync(string agreementId, string escalationId, string note, CancellationToken cancellationToken) =>
        SaveNoteAsync(agreementId, NoteRowKey(escalationId), note, cancellationToken);

    public Task<string?> FindEscalationNoteAsync(string agreementId, string escalationId, CancellationToken cancellationToken) =>
        FindNoteAsync(agreementId, NoteRowKey(escalationId), cancellationToken);

    public Task SaveCheckInCommentAsync(string agreementId, Milestone milestone, string comment, CancellationToken cancellationToken) =>
        SaveNoteAsync(agreementId, CheckInPrefix + milestone, comment, cancellationToken);

    public Task<string?> FindCheckInCommentAsync(string agreementId, Milestone milestone, CancellationToken cancellationToken) =>
        FindNoteAsync(agreementId, CheckInPrefix + milestone, cancellationToken);

    private async Task SaveNoteAsync(string agreementId, string rowKey, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        if (await table.FindAsync(id, PartiesRowKey, cancellationToken).ConfigureAwait(false) is null)
        {
            return; // erased (or never saved): personal data is not brought back
        }

        var row = new TableEntity(id, rowKey) { [Columns.Note] = protectedColumns.Protect(note) };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> FindNoteAsync(string agreementId, string rowKey, CancellationToken cancellationToken)
    {
        var row = await table.FindAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), rowKey, cancellationToken).ConfigureAwait(false);
        return row is null ? null : protectedColumns.Unprotect(row).NonEmptyString(Columns.Note);
    }

    /// <summary>Deletes every row of the agreement's partition: parties, reasons and notes.</summary>
    public Task EraseAsync(string agreementId, CancellationToken cancellationToken) =>
        table.DeletePartitionAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), cancellationToken);

    public async Task<IReadOnlyList<VaultParties>> ListPartiesWrittenAsync(DateTimeOffset writtenFrom, DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
        // Timestamp is the service's time of the row's last write; the filter runs in the service, only keys come back.
        var filter = TableClient.CreateQueryFilter($"RowKey eq {PartiesRowKey} and Timestamp ge {writtenFrom} and Timestamp lt {writtenBefore}");
        var rows = await table.ListAsync(filter, cancellationToken, select: ["PartitionKey", "RowKey"]).ConfigureAwait(false);
        return [.. rows.Select(row => new VaultParties(row.PartitionKey, row.ETag.ToString()))];
    }

    public async Task<bool> EraseIfUnchangedAsync(VaultParties parties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var id = TableKeys.RequireSafe(parties.AgreementId, nameof(parties));

        // The parties row decides. Written since (a create that completes after all): nothing is erased. Gone: erased by an
        // earlier erasure, or by this delete when its answer was lost and the SDK's retry found the row gone; either way the
        // agreement's other rows go too (erasing them again changes nothing), or its notes would outlive it unlisted.
        try
        {
            await table.DeleteEntityAsync(id, PartiesRowKey, new ETag(parties.Version), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.PreconditionFailed)
        {
            return false;
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.NotFound)
        {
            // gone already: see above
        }

        await EraseAsync(id, cancellationToken).ConfigureAwait(false); // notes, if any
        return true;
    }

    /// <summary>Encrypts the rows written in clear text before encryption at rest.</summary>
    public Task<int> EncryptClearTextAsync(CancellationToken cancellationToken) =>
        protectedColumns.EncryptClearRowsAsync(table, cancellationToken);

    private static string NoteRowKey(string escalationId) => NotePrefix + TableKeys.RequireSafe(escalationId, nameof(escalationId));

    private static class Columns
    {
        public const string ResidentCpr = "ResidentCpr";
        public const string ResidentName = "ResidentName";
        public const string ResidentEmail = "ResidentEmail";
        public const string ResidentPhone = "ResidentPhone";
        public const string CaseworkerName = "CaseworkerName";
        public const string CaseworkerEmail = "CaseworkerEmail";
        public const string SupervisorEmails = "SupervisorEmails";
        public const string FinancingPurpose = "FinancingPurpose";
        public const string StopReason = "StopReason";
        // Stored under its first name (rejections only had a reason then), so rows written before read the same.
        public const string FinancingDecisionReason = "FinancingRejectionReason";
        public const string Note = "Note";

        /// <summary>Every column: all of them are personal data.</summary>
        public static readonly string[] All =
        [
            ResidentCpr, ResidentName, ResidentEmail, ResidentPhone, CaseworkerName, CaseworkerEmail, SupervisorEmails,
            FinancingPurpose, StopReason, FinancingDecisionReason, Note,
        ];
    }
}
