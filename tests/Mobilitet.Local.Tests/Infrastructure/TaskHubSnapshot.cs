using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Mobilitet.Local.Tests.Infrastructure;

/// <summary>
/// What the engine holds about one instance, read straight from the task hub's storage (DurableTask.AzureStorage's
/// layout): its row in the Instances table (runtime status, custom status, input and output, execution), every row of
/// its History table (all executions, oldest first), and the messages for it that are visible in the control queues
/// and the work-item queue (a message a host has fetched, or abandoned with a back-off, is invisible until then).
/// Written when a crash-storm step times out, so that a stuck agreement says whether its episode was lost or late.
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

    private static string Describe(TableEntity row, params string[] names) =>
        string.Join(", ", names.Where(row.ContainsKey).Select(name => $"{name}={Shorten(Convert.ToString(row[name], CultureInfo.InvariantCulture) ?? "null", 300)}").Prepend("RowKey=" + row.RowKey));

    private static string Shorten(string value, int length) => value.Length <= length ? value : value[..length] + "…";
}
