using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>
/// Loses the answer to the first write (insert, upsert, transaction ...) a table client sends: the request reaches storage
/// and is carried out, then the client sees a network error, as when a timeout under load cuts the answer off. The SDK's
/// retry policy then sends the same write again.
/// </summary>
public sealed class LostAnswer : HttpPipelineSynchronousPolicy
{
    private int lost;

    /// <summary>How many answers were lost (at most one).</summary>
    public int Lost => Volatile.Read(ref lost);

    /// <summary>A table service client through this policy, retrying at once.</summary>
    public TableServiceClient Tables(string connectionString)
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        return new TableServiceClient(connectionString, options);
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Get && message.Response.Status < 300 && Interlocked.CompareExchange(ref lost, 1, 0) == 0)
        {
            throw new IOException("The answer was lost on the way back (test).");
        }
    }
}
