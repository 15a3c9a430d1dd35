using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Escalations;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Escalations in table <see cref="StorageNames.Escalations"/>: PartitionKey = agreement id (taken
/// from the escalation id), RowKey = escalation id. The workflow's fields and the supervisor's note
/// are written by separate merges, so neither overwrites the other. Because a merge cannot remove a
/// column, optional fields are always written and an empty string stands for "none".
/// </summary>
public sealed class TableEscalationRepository : IEscalationRepository
{
    private readonly TableClient table;

    public TableEscalationRepository(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.Escalations));
    }

    public async Task SaveAsync(EscalationRecord escalation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        var agreementId = AgreementOf(escalation.EscalationId, nameof(escalation));
        if (agreementId != escalation.AgreementId)
        {
            throw new ArgumentException($"Escalation {escalation.EscalationId} does not belong to agreement {escalation.AgreementId}.", nameof(escalation));
        }

        // No Note column here: the merge leaves a stored note alone.
        var row = new TableEntity(agreementId, escalation.EscalationId)
        {
            [Columns.Reason] = escalation.Reason.ToString(),
            [Columns.Subject] = escalation.Subject,
            [Columns.Level] = escalation.Level,
            [Columns.Status] = escalation.Status.ToString(),
            [Columns.RaisedAt] = escalation.RaisedAt,
            [Columns.LevelDeadline] = EntityValues.FormatInstant(escalation.LevelDeadline),
            [Columns.Decision] = escalation.Decision?.ToString() ?? string.Empty,
            [Columns.DecidedBy] = escalation.DecidedBy ?? string.Empty,
            [Columns.DecidedAt] = EntityValues.FormatInstant(escalation.DecidedAt),
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The escalation, or null if the id is not an escalation id or nothing has been saved for it.</summary>
    public async Task<EscalationRecord?> FindAsync(string escalationId, CancellationToken cancellationToken)
    {
        if (!EscalationIds.TryParseAgreementId(escalationId, out var agreementId))
        {
            return null;
        }

        var row = await table.FindAsync(agreementId, escalationId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : FromEntity(row);
    }

    /// <summary>The agreement's escalations, oldest first.</summary>
    public async Task<IReadOnlyList<EscalationRecord>> ListAsync(string agreementId, CancellationToken cancellationToken)
    {
        var rows = await table.ListPartitionAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), cancellationToken).ConfigureAwait(false);
        return rows
            .Select(FromEntity)
            .OfType<EscalationRecord>()
            .OrderBy(escalation => escalation.RaisedAt)
            .ThenBy(escalation => escalation.EscalationId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Merges the note only; the workflow's fields are left alone. A null note clears it.</summary>
    public async Task SaveNoteAsync(string escalationId, string? note, CancellationToken cancellationToken)
    {
        var agreementId = AgreementOf(escalationId, nameof(escalationId));
        var row = new TableEntity(agreementId, escalationId) { [Columns.Note] = note ?? string.Empty };
        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    public async Task EraseNotesAsync(string agreementId, CancellationToken cancellationToken)
    {
        var id = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        var rows = await table.ListPartitionAsync(id, cancellationToken, select: ["PartitionKey", "RowKey", Columns.Note]).ConfigureAwait(false);
        foreach (var row in rows.Where(row => row.NonEmptyString(Columns.Note) is not null))
        {
            try
            {
                var cleared = new TableEntity(row.PartitionKey, row.RowKey) { [Columns.Note] = string.Empty };
                await table.UpdateEntityAsync(cleared, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == TableOperations.NotFound)
            {
                // Gone meanwhile: nothing left to erase.
            }
        }
    }

    private static string AgreementOf(string escalationId, string parameterName) =>
        EscalationIds.TryParseAgreementId(escalationId, out var agreementId)
            ? agreementId
            : throw new ArgumentException($"'{escalationId}' is not an escalation id.", parameterName);

    /// <summary>Null for a row that holds only a note (saved before the escalation itself).</summary>
    private static EscalationRecord? FromEntity(TableEntity row) =>
        row.OptionalString(Columns.Reason) is null
            ? null
            : new EscalationRecord
            {
                EscalationId = row.RowKey,
                AgreementId = row.PartitionKey,
                Reason = row.RequiredEnum<EscalationReason>(Columns.Reason),
                Subject = row.RequiredString(Columns.Subject),
                Level = row.RequiredInt32(Columns.Level),
                Status = row.RequiredEnum<EscalationStatus>(Columns.Status),
                RaisedAt = row.RequiredInstant(Columns.RaisedAt),
                LevelDeadline = row.OptionalInstantText(Columns.LevelDeadline),
                Decision = row.OptionalEnum<EscalationDecision>(Columns.Decision),
                DecidedBy = row.NonEmptyString(Columns.DecidedBy),
                DecidedAt = row.OptionalInstantText(Columns.DecidedAt),
                Note = row.NonEmptyString(Columns.Note),
            };

    private static class Columns
    {
        public const string Reason = "Reason";
        public const string Subject = "Subject";
        public const string Level = "Level";
        public const string Status = "Status";
        public const string RaisedAt = "RaisedAt";
        public const string LevelDeadline = "LevelDeadline";
        public const string Decision = "Decision";
        public const string DecidedBy = "DecidedBy";
        public const string DecidedAt = "DecidedAt";
        public const string Note = "Note";
    }
}
