using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Workflows.Hosting.Commands;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mobilitet.Workflows.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts, registered once (from <see cref="Composition.ServiceCollectionExtensions.AddMobilitetWorkflows"/>):
/// traces from ASP.NET Core, outgoing HTTP (SendGrid, storage) and <see cref="Source"/>; metrics from the same plus the
/// .NET runtime and <see cref="WorkflowMetrics"/>; logs through the OpenTelemetry logger. Each host adds where it all
/// goes: the Functions app Azure Monitor, the local host the console when <see cref="TelemetryOptions.Console"/> is on.
/// Nothing personal goes in: spans carry routes and opaque agreement ids only (query strings are redacted by the
/// instrumentation), metric tags are statuses, bands, milestones and email kinds.
/// </summary>
public static class MobilitetTelemetry
{
    /// <summary>The name of the <see cref="Source"/>, the meter (<see cref="WorkflowMetrics"/>) and the service.</summary>
    public const string Name = "Mobilitet.Workflows";

    /// <summary>Span tag of the agreement a span is about: its opaque id, the only agreement data a span may carry.</summary>
    public const string AgreementIdTag = "mobilitet.agreement_id";

    /// <summary>Spans of the commands the HTTP API and the pages share (create, record a decision).</summary>
    public static readonly ActivitySource Source = new(Name);

    public static OpenTelemetryBuilder AddMobilitetTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddSingleton<WorkflowMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(Name))
            .WithTracing(tracing => tracing
                .AddSource(Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithLogging();
        if (options.Console)
        {
            telemetry
                .WithTracing(tracing => tracing.AddConsoleExporter())
                .WithMetrics(metrics => metrics.AddConsoleExporter())
                .WithLogging(logging => logging.AddConsoleExporter());
        }

        return telemetry;
    }

    /// <summary>Span tag of how a command ended: the name of its <see cref="CommandResult"/> ("Created", "Accepted", "Invalid", "Conflict" ...).</summary>
    public const string OutcomeTag = "mobilitet.outcome";

    /// <summary>Tags the span with the command's outcome (and the agreement, once there is one); returns the result.</summary>
    public static CommandResult Outcome(this Activity? activity, CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (activity is not null)
        {
            activity.SetTag(OutcomeTag, result.GetType().Name);
            var agreement = result switch
            {
                CommandResult.Created created => created.Agreement.AgreementId,
                CommandResult.Accepted accepted => accepted.Agreement.AgreementId,
                _ => null,
            };
            if (agreement is not null)
            {
                activity.SetTag(AgreementIdTag, agreement);
            }
        }

        return result;
    }

    /// <summary>Starts a span named <paramref name="name"/> about one agreement (null when nobody listens).</summary>
    public static Activity? StartAgreementActivity(string name, string? agreementId)
    {
        var activity = Source.StartActivity(name);
        if (agreementId is not null)
        {
            activity?.SetTag(AgreementIdTag, agreementId);
        }

        return activity;
    }
}
