using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Escalations;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Escalations in table <see cref="StorageNames.Escalations"/>: PartitionKey = agreement id (taken
/// from the escalation id), RowKey = escalation id. Only the escalation's workflow writes its row; the
/// supervisor's note lives in the personal-data vault. Optional fields are written as an empty string
/// for "none".
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
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Every escalation in one table query (the SDK follows its continuation tokens, 1,000 rows a page).</summary>
    public async IAsyncEnumerable<EscalationRecord> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(filter: (string?)null, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (FromEntity(row) is { } escalation)
            {
                yield return escalation;
            }
        }
    }

    private static string AgreementOf(string escalationId, string parameterName) =>
        EscalationIds.TryParseAgreementId(escalationId, out var agreementId)
            ? agreementId
            : throw new ArgumentException($"'{escalationId}' is not an escalation id.", parameterName);

    /// <summary>Null for a row without the escalation's fields (older versions kept a note-only row).</summary>
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
    }
}
