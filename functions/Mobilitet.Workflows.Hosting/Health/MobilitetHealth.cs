using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Workflows.Hosting.Health;

/// <summary>
/// Health through ASP.NET Core health checks, for both hosts: <see cref="AddMobilitetHealthChecks"/> registers the
/// shared checks (from <see cref="Composition.ServiceCollectionExtensions.AddMobilitetWorkflows"/>), the local host adds
/// its engine and maps <see cref="Path"/> with MapHealthChecks; the Functions app runs the same checks from an HTTP trigger.
/// </summary>
public static class MobilitetHealth
{
    /// <summary>GET: the health report (<see cref="HealthReportWriter"/>), anonymous; 503 when unhealthy.</summary>
    public const string Route = ApiRoutes.Base + ApiRoutes.Health;

    /// <summary>How long one check may take before it counts as unhealthy (the Azure SDK retries a refused connection for seconds).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static IHealthChecksBuilder AddMobilitetHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<StorageHealthCheck>(StorageHealthCheck.Name, timeout: Timeout);

    /// <summary>The engine check: <paramref name="started"/> says whether the host's engine is up; <paramref name="data"/> describes it.</summary>
    public static IHealthChecksBuilder AddEngineHealthCheck(
        this IHealthChecksBuilder builder,
        Func<IServiceProvider, bool> started,
        Func<IServiceProvider, IReadOnlyDictionary<string, object>> data)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            EngineHealthCheck.Name,
            provider => new EngineHealthCheck(provider.GetRequiredService<DurableTaskClient>(), () => started(provider), data(provider)),
            failureStatus: null,
            tags: null,
            timeout: Timeout));
    }

    /// <summary>Maps the report to GET <see cref="ApiRoutes.Health"/> in the API group (so the route parity test sees it).</summary>
    public static IEndpointConventionBuilder MapMobilitetHealth(this IEndpointRouteBuilder api) =>
        api.MapHealthChecks(ApiRoutes.Health, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
}
