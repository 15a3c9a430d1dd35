using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// Personal data is encrypted at rest: after a whole lifecycle on the persistent engine, a resident's CPR, name, email
/// and phone are in no table row, blob or queue message of the host's storage — orchestration history included — in
/// clear text or a common encoding of it, though the system still reads them (the vault, the outbox).
/// </summary>
public sealed class PersonalDataAtRestTests(AzureStorageEngineHost host) : IClassFixture<AzureStorageEngineHost>
{
    // Distinctive values, so a hit can only be this resident's.
    private const string Cpr = "150782-4983";
    private const string CprDigits = "1507824983";
    private const string Name = "Xenia Quorndrup-Vølle";
    private const string Email = "xenia.quorndrup@example.dk";
    private const string Phone = "+45 31 41 59 26";

    [Fact]
    public async Task After_a_lifecycle_no_table_blob_queue_or_history_holds_the_residents_cpr_name_email_or_phone_in_clear_text()
    {
        var form = AgreementForms.Valid(AgreementForms.Today.AddDays(30));
        form["resident"] = new JsonObject { ["cpr"] = Cpr, ["name"] = Name, ["email"] = Email, ["phone"] = Phone };
        var id = await host.CreateAsync(form);
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForStatusAsync(id, "AwaitingMove");
        await host.StepAsync(id, "move", new JsonObject { ["movedOn"] = AgreementForms.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        await host.WaitForStatusAsync(id, "Monitoring");
        foreach (var milestone in new[] { "M3", "M12", "M36" })
        {
            await host.StepAsync(id, "measurements", AgreementForms.OnTrack(milestone));
        }

        await host.WaitForStatusAsync(id, "Completed", Deadlines.ThroughM36);
        using (var view = await host.Api.GetAsync($"/api/agreements/{id}/personal-data"))
        {
            Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        }

        // The system still has the data, and emails went to the resident: the scan below would see them if they were clear.
        var parties = await host.Services.GetRequiredService<IPersonalDataVault>().FindAsync(id, CancellationToken.None);
        Assert.Equal((CprDigits, Name, Email, "+4531415926"), (parties!.Resident.Cpr, parties.Resident.Name, parties.Resident.Email, parties.Resident.Phone));
        var kept = await host.Services.GetRequiredService<IOutbox>().ListAsync(1000, CancellationToken.None);
        Assert.Contains(kept, email => email.Message.AgreementId == id && email.Message.To.Contains(Email));

        var needles = Needles();
        var azurite = await AzuriteFixture.GetSharedAsync();
        var scanned = new Dictionary<string, int>();
        var hits = new List<string>();
        void Look(string where, string text)
        {
            scanned[where.Split(' ')[0]] = scanned.GetValueOrDefault(where.Split(' ')[0]) + 1;
            hits.AddRange(needles.Where(needle => text.Contains(needle, StringComparison.OrdinalIgnoreCase)).Select(needle => $"{where}: '{needle}'"));
        }

        var tables = new TableServiceClient(azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync(item => true))
        {
            if (!Ours(table.Name))
            {
                continue;
            }

            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (column, value) in row)
                {
                    Look($"table {table.Name} {row.PartitionKey}/{row.RowKey} {column}", Decoded(value));
                }
            }
        }

        var blobs = new BlobServiceClient(azurite.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            if (!Ours(container.Name))
            {
                continue;
            }

            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                Look($"blob {container.Name}/{blob.Name}", blob.Name + "\n" + Decoded(content));
            }
        }

        var queues = new QueueServiceClient(azurite.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync())
        {
            if (!Ours(queue.Name))
            {
                continue;
            }

            Look($"queue {queue.Name}", queue.Name);
            foreach (var message in (await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
            {
                Look($"queue {queue.Name} message", Decoded(message.Body.ToString()));
            }
        }

        Assert.True(hits.Count == 0, $"{hits.Count} values in clear text, e.g.:\n{string.Join('\n', hits.Take(40))}");
        Assert.True(scanned.GetValueOrDefault("table") > 100, $"only {scanned.GetValueOrDefault("table")} table values scanned");
        Assert.True(scanned.GetValueOrDefault("blob") >= 5, $"only {scanned.GetValueOrDefault("blob")} blobs scanned"); // business case, reports, sent emails
        Assert.True(scanned.GetValueOrDefault("queue") >= 1, "no queue of the engine scanned");
        var scannedTables = new HashSet<string>();
        await foreach (var table in tables.QueryAsync(item => true))
        {
            scannedTables.Add(table.Name);
        }

        // The orchestration history is among what was scanned.
        Assert.Contains(host.Prefix + "hubHistory", scannedTables);
        Assert.Contains(host.Prefix + "hubInstances", scannedTables);
    }

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private bool Ours(string name) => name.StartsWith(host.Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Each value as entered and as stored, and the encodings it could take on the way: JSON, URL, HTML, base64.</summary>
    private static List<string> Needles()
    {
        string[] values = [Cpr, CprDigits, Name, Email, Phone, "+4531415926", "31415926", "Quorndrup"];
        return values
            .SelectMany(value => new[]
            {
                value,
                JsonSerializer.Serialize(value)[1..^1],
                JsonSerializer.Serialize(value, RelaxedJson)[1..^1],
                Uri.EscapeDataString(value),
                WebUtility.UrlEncode(value),
                HtmlEncoder.Default.Encode(value),
                WebUtility.HtmlEncode(value),
                Convert.ToBase64String(Encoding.UTF8.GetBytes(value)),
            })
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A stored value as text, and — if it is base64 or gzip (the engine compresses large messages) — what that decodes to.</summary>
    private static string Decoded(object? value) => value switch
    {
        byte[] bytes => Decoded(bytes),
        string text => text + "\n" + (TryBase64(text) is { } bytes ? Decoded(bytes) : string.Empty),
        null => string.Empty,
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string Decoded(byte[] bytes)
    {
        if (bytes is [0x1f, 0x8b, ..])
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return text.Length >= 8 && Convert.TryFromBase64String(text.Trim(), buffer, out var written) ? buffer[..written] : null;
    }
}
