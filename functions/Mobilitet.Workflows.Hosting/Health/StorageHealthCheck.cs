using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;

namespace Mobilitet.Workflows.Hosting.Health;

/// <summary>
/// Storage answers: one point read of a row that never exists in the agreement index (a 404 is an answer, and the
/// cheapest one), which needs only the data permissions the app has, unlike reading the account's service properties.
/// </summary>
public sealed class StorageHealthCheck(TableServiceClient tables, IOptions<StorageOptions> options) : IHealthCheck
{
    public const string Name = "storage";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var index = tables.GetTableClient(options.Value.TableName(StorageNames.AgreementIndex));
        try
        {
            await index.GetEntityIfExistsAsync<TableEntity>("health", "probe", select: ["PartitionKey"], cancellationToken);
            return HealthCheckResult.Healthy($"Table storage at {tables.Uri.Host} answers");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Table storage at {tables.Uri.Host} does not answer", exception);
        }
    }
}
