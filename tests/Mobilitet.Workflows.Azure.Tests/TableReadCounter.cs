using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>
/// Counts what a table client asks the service for: every HTTP request, and the rows that come back
/// (a query's "value" array, or one entity for a point read). Add it to TableClientOptions per retry.
/// </summary>
public sealed class TableReadCounter : HttpPipelineSynchronousPolicy
{
    private int requests;
    private int rowsRead;

    public int Requests => Volatile.Read(ref requests);

    public int RowsRead => Volatile.Read(ref rowsRead);

    public void Reset()
    {
        Interlocked.Exchange(ref requests, 0);
        Interlocked.Exchange(ref rowsRead, 0);
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        Interlocked.Increment(ref requests);
        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200)
        {
            return;
        }

        using var json = JsonDocument.Parse(message.Response.Content.ToMemory());
        var rows = json.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 1;
        Interlocked.Add(ref rowsRead, rows);
    }
}
