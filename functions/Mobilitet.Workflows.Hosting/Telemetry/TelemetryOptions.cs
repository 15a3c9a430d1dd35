namespace Mobilitet.Workflows.Hosting.Telemetry;

/// <summary>Configuration section "Telemetry": where the local host's traces, metrics and logs go besides the host's own exporter.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// Print every span, metric and OpenTelemetry log record on the console. Off by default (tests, Azure); the local
    /// host's appsettings.json turns it on for a developer.
    /// </summary>
    public bool Console { get; set; }
}
