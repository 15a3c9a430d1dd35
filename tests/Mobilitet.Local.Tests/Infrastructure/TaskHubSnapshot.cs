using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Mobilitet.Local.Tests.Infrastructure;

/// <summary>
/// What the engine holds about one instance, read straight from the task hub's storage (DurableTask.AzureStorage's
/// layout): its row in the Instances table (runtime status, custom status, input and output, execution), every row of
/// its History table (all executions, oldest first), and the messages for it that are visible in the control queues
/// and the work-item queue (a message a host has fetched, or abandoned with a back-off, is invisible until then).
/// Also the task hub's control-queue leases (partitions table, lease blobs), which say whether a worker still listens.
/// Written when a crash-storm step, or the storage-outage test, times out, so that a stuck instance says whether its
/// episode was lost or late.
/// </summary>
public static class TaskHubSnapshot
{
    public static async Task<string> DescribeAsync(string connectionString, string taskHub, string instanceId)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"--- Task hub {taskHub}, instance {instanceId}, read at {DateTimeOffset.UtcNow:O}");
        await AppendAsync(text, "Instances", () => InstanceAsync(connectionString, taskHub, instanceId, text));
        await AppendAsync(text, "History", () => HistoryAsync(connectionString, taskHub, instanceId, text));
        await AppendAsync(text, "Queues", () => QueuesAsync(connectionString, taskHub, instanceId, text));
        await AppendAsync(text, "Partitions", () => PartitionsAsync(connectionString, taskHub, text));
        await AppendAsync(text, "Leases", () => LeaseBlobsAsync(connectionString, taskHub, text));
        return text.ToString();
    }

    private static async Task AppendAsync(StringBuilder text, string what, Func<Task> read)
    {
        try
        {
            await read();
        }
        catch (Exception exception)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{what}: could not be read ({exception.GetType().Name}: {exception.Message})");
        }
    }

    private static async Task InstanceAsync(string connectionString, string taskHub, string instanceId, StringBuilder text)
    {
        var table = new TableClient(connectionString, taskHub + "Instances");
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}")))
        {
            text.AppendLine("Instance: " + Describe(row, "RuntimeStatus", "ExecutionId", "Version", "CreatedTime", "LastUpdatedTime", "CompletedTime", "CustomStatus", "Input", "Output"));
        }
    }

    private static async Task HistoryAsync(string connectionString, string taskHub, string instanceId, StringBuilder text)
    {
        var table = new TableClient(connectionString, taskHub + "History");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}")))
        {
            rows.Add(row);
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"History: {rows.Count} rows");
        foreach (var row in rows.OrderBy(r => r.GetString("ExecutionId"), StringComparer.Ordinal).ThenBy(r => r.RowKey, StringComparer.Ordinal))
        {
            text.AppendLine("  " + Describe(row, "ExecutionId", "EventType", "EventId", "Name", "Timestamp", "_Timestamp", "FireAt", "TimerId", "TaskScheduledId", "IsPlayed", "OrchestrationStatus", "Result", "Input", "Reason"));
        }
    }

    private static async Task QueuesAsync(string connectionString, string taskHub, string instanceId, StringBuilder text)
    {
        var service = new QueueServiceClient(connectionString);
        var prefix = taskHub.ToLowerInvariant() + "-";
        await foreach (var queue in service.GetQueuesAsync(prefix: prefix))
        {
            var client = service.GetQueueClient(queue.Name);
            var properties = await client.GetPropertiesAsync();
            var peeked = (await client.PeekMessagesAsync(maxMessages: 32)).Value;
            text.AppendLine(CultureInfo.InvariantCulture, $"Queue {queue.Name}: about {properties.Value.ApproximateMessagesCount} messages, {peeked.Length} visible peeked");
            foreach (var message in peeked.Where(m => m.Body.ToString().Contains(instanceId, StringComparison.Ordinal)))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {message.MessageId} dequeued {message.DequeueCount}x, inserted {message.InsertedOn:O}: {Shorten(message.Body.ToString(), 600)}");
            }
        }
    }

    /// <summary>The control-queue leases of the table partition manager (the provider's default): owner, expiry, what is being handed over.</summary>
    private static async Task PartitionsAsync(string connectionString, string taskHub, StringBuilder text)
    {
        var table = new TableClient(connectionString, taskHub + "Partitions");
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            text.AppendLine("Partition: " + Describe(row, "CurrentOwner", "NextOwner", "ExpiresAt", "OwnedSince", "LastRenewal", "IsDraining", "Timestamp"));
        }
    }

    /// <summary>The blob leases of the blob partition managers (app lease and ownership leases), where a task hub has them.</summary>
    private static async Task LeaseBlobsAsync(string connectionString, string taskHub, StringBuilder text)
    {
        var service = new BlobServiceClient(connectionString);
        await foreach (var container in service.GetBlobContainersAsync(prefix: taskHub.ToLowerInvariant()))
        {
            if (!container.Name.EndsWith("-leases", StringComparison.Ordinal))
            {
                continue;
            }

            var client = service.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                text.AppendLine(CultureInfo.InvariantCulture, $"Lease blob {container.Name}/{blob.Name}: {blob.Properties.LeaseState} {blob.Properties.LeaseStatus}, {Shorten(content, 300)}");
            }
        }
    }

    private static string Describe(TableEntity row, params string[] names) =>
        string.Join(", ", names.Where(row.ContainsKey).Select(name => $"{name}={Shorten(Convert.ToString(row[name], CultureInfo.InvariantCulture) ?? "null", 300)}").Prepend("RowKey=" + row.RowKey));

    private static string Shorten(string value, int length) => value.Length <= length ? value : value[..length] + "…";
}
