using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mobilitet.Workflows.Hosting.Health;

/// <summary>
/// The Durable Task engine answers through the client: a status query of an instance that never exists. Registered by
/// the local host (<see cref="MobilitetHealth.AddEngineHealthCheck"/>) with its sidecar's state and a description; the
/// Functions app has no client outside a trigger's binding, and its engine is the platform's to watch.
/// </summary>
public sealed class EngineHealthCheck(DurableTaskClient client, Func<bool> started, IReadOnlyDictionary<string, object> data) : IHealthCheck
{
    public const string Name = "engine";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!started())
        {
            return HealthCheckResult.Unhealthy("The engine has not started", data: data);
        }

        try
        {
            await client.GetInstanceAsync("health-probe", cancellationToken);
            return HealthCheckResult.Healthy("The engine answers", data);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The engine does not answer", exception, data);
        }
    }
}
