using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Azure.Configuration;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// The audit log in table <see cref="StorageNames.AuditLog"/>: PartitionKey = the UTC day (yyyyMMdd),
/// RowKey = inverted ticks and a random suffix, so a day reads newest first and no two entries share a
/// key. Entries are inserted, never updated or deleted (no method here could).
/// </summary>
public sealed class TableAuditLog : IAuditLog
{
    private readonly TableClient table;

    public TableAuditLog(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.AuditLog));
    }

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var at = entry.At.ToUniversalTime();
        var row = new TableEntity(DayKey(DateOnly.FromDateTime(at.UtcDateTime)), $"{DateTime.MaxValue.Ticks - at.UtcTicks:D19}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}")
        {
            [Columns.At] = at,
            [Columns.UserId] = entry.UserId,
            [Columns.Roles] = string.Join(' ', entry.Roles),
            [Columns.Action] = entry.Action.ToString(),
            [Columns.AgreementId] = entry.AgreementId,
        };
        row.SetOptional(Columns.Detail, entry.Detail);
        try
        {
            await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.Conflict)
        {
            // The key is this call's own (time and a random suffix), so the row that stands is this entry: the SDK
            // retried an insert whose answer was lost (a timeout under load) after storage had taken it.
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var rows = await table.ListPartitionAsync(DayKey(day), cancellationToken).ConfigureAwait(false);
        return rows.Select(row => new AuditEntry(
                row.RequiredInstant(Columns.At),
                row.RequiredString(Columns.UserId),
                row.RequiredString(Columns.Roles).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                row.RequiredEnum<AuditAction>(Columns.Action),
                row.RequiredString(Columns.AgreementId),
                row.NonEmptyString(Columns.Detail)))
            .ToList();
    }

    private static string DayKey(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static class Columns
    {
        public const string At = "At";
        public const string UserId = "UserId";
        public const string Roles = "Roles";
        public const string Action = "Action";
        public const string AgreementId = "AgreementId";
        public const string Detail = "Detail";
    }
}
