using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Protection;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Azure.Email;

/// <summary>
/// The outbox in table <see cref="StorageNames.Outbox"/>: PartitionKey = agreement id, RowKey =
/// notification id, so an email kept twice (a retried activity) is one row. Used as the email
/// sender when no SendGrid key is configured. Addresses, subject, bodies and links are encrypted at rest
/// (<see cref="PersonalDataKind.Outbox"/>); rows kept in clear text before that read as they are.
/// </summary>
public sealed class TableOutbox : IOutbox, IClearPersonalDataMigration
{
    private static readonly string[] PersonalColumns = ["To", "Cc", "Subject", "TextBody", "HtmlBody", "Links"];

    private readonly TableClient table;
    private readonly TimeProvider time;
    private readonly ProtectedColumns protectedColumns;

    public TableOutbox(TableServiceClient service, IOptions<StorageOptions> options, TimeProvider time, IPersonalDataProtector protector)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.Outbox));
        this.time = time;
        protectedColumns = new ProtectedColumns(protector, PersonalDataKind.Outbox, PersonalColumns);
    }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = new TableEntity(TableKeys.RequireSafe(message.AgreementId, nameof(message)), TableKeys.Escape(message.Id))
        {
            ["NotificationId"] = message.Id,
            ["To"] = JsonSerializer.Serialize(message.To),
            ["Cc"] = JsonSerializer.Serialize(message.Cc),
            ["Subject"] = message.Subject,
            ["TextBody"] = message.TextBody,
            ["HtmlBody"] = message.HtmlBody,
            ["Links"] = JsonSerializer.Serialize(message.Links.Select(link => new[] { link.Label, link.Url.ToString() })),
            ["SentAt"] = time.GetUtcNow(),
        };
        try
        {
            await table.AddEntityAsync(protectedColumns.Protect(row), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.Conflict)
        {
            // Kept before: the first copy (and its time) stays.
        }
    }

    public async Task<IReadOnlyList<OutboxEmail>> ListAsync(int max, CancellationToken cancellationToken)
    {
        List<OutboxEmail> emails = [];
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            emails.Add(ToEmail(protectedColumns.Unprotect(row)));
        }

        return emails.OrderByDescending(email => email.SentAt).ThenBy(email => email.Message.Id, StringComparer.Ordinal).Take(max).ToList();
    }

    public async Task EraseAsync(string agreementId, CancellationToken cancellationToken)
    {
        var partition = TableKeys.RequireSafe(agreementId, nameof(agreementId));
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == partition, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Encrypts the emails kept in clear text before encryption at rest.</summary>
    public Task<int> EncryptClearTextAsync(CancellationToken cancellationToken) =>
        protectedColumns.EncryptClearRowsAsync(table, cancellationToken);

    private static OutboxEmail ToEmail(TableEntity row) => new(
        new EmailMessage(
            row.GetString("NotificationId"),
            row.PartitionKey,
            JsonSerializer.Deserialize<List<string>>(row.GetString("To")) ?? [],
            JsonSerializer.Deserialize<List<string>>(row.GetString("Cc")) ?? [],
            row.GetString("Subject"),
            row.GetString("TextBody"),
            row.GetString("HtmlBody"),
            (JsonSerializer.Deserialize<List<string[]>>(row.GetString("Links")) ?? []).Select(link => new EmailLink(link[0], new Uri(link[1]))).ToList()),
        row.GetDateTimeOffset("SentAt") ?? DateTimeOffset.MinValue);
}
