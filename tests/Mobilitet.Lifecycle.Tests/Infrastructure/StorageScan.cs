using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Mobilitet.Testing;

namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>
/// Searches every table row, blob and queue message of one host's storage on Azurite (names starting with its prefix:
/// the read model, vault, documents, outbox, and the engine's history, instances and queues) for values, as entered
/// and in the encodings they could take on the way (JSON, URL, HTML, base64, gzip).
/// </summary>
/// <param name="Hits">Where a value was found: "table {name} {pk}/{rk} {column}: '{value}'".</param>
/// <param name="Scanned">How many values were looked at, by kind ("table", "blob", "queue").</param>
/// <param name="Tables">The names of the tables scanned.</param>
public sealed record StorageScan(IReadOnlyList<string> Hits, IReadOnlyDictionary<string, int> Scanned, IReadOnlySet<string> Tables)
{
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="decrypt">Also looks in what this makes of each stored text (e.g. its decryption); null: the text as stored only.</param>
    public static async Task<StorageScan> RunAsync(string prefix, IEnumerable<string> values, Func<string, string?>? decrypt = null)
    {
        var needles = Needles(values);
        var azurite = await AzuriteFixture.GetSharedAsync();
        var scanned = new Dictionary<string, int>();
        var hits = new List<string>();
        var tableNames = new HashSet<string>();
        bool Ours(string name) => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
        void Look(string where, string text)
        {
            scanned[where.Split(' ')[0]] = scanned.GetValueOrDefault(where.Split(' ')[0]) + 1;
            if (decrypt is not null)
            {
                text += "\n" + string.Join('\n', text.Split('\n').Select(decrypt).OfType<string>());
            }

            hits.AddRange(needles.Where(needle => text.Contains(needle, StringComparison.OrdinalIgnoreCase)).Select(needle => $"{where}: '{needle}'"));
        }

        var tables = new TableServiceClient(azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync(item => true))
        {
            tableNames.Add(table.Name);
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

        return new StorageScan(hits, scanned, tableNames);
    }

    /// <summary>Each value as entered and as stored, and the encodings it could take on the way: JSON, URL, HTML, base64.</summary>
    private static List<string> Needles(IEnumerable<string> values) => values
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
