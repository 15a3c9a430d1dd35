using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mobilitet.Workflows.Hosting.Health;

/// <summary>
/// The health report as JSON, the same from both hosts: the overall <c>status</c> ("Healthy", "Degraded", "Unhealthy")
/// and one object per check by its name (<c>storage</c>, <c>engine</c>) with its status, description, the type of the
/// error if any (never its message: it may name an endpoint or hold a connection string) and the check's data as text.
/// </summary>
public static class HealthReportWriter
{
    /// <summary>200 unless the report is unhealthy (503), as MapHealthChecks answers by default.</summary>
    public static int StatusCodeOf(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
    }

    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds));
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds));
            if (entry.Exception is { } exception)
            {
                json.WriteString("error", exception.GetType().Name);
            }

            foreach (var (key, value) in entry.Data)
            {
                json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
