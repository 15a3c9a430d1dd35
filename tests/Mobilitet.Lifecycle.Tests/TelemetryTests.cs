using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Hosting.Telemetry;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>A policy day of an hour (no timer fires) with every span, log record and metric the host emits captured.</summary>
public sealed class TelemetryCaptureHost : LifecycleHost
{
    public TelemetryCapture Telemetry { get; } = new();

    protected override TimeSpan DayLength => TimeSpan.FromHours(1);

    protected override void ConfigureServices(IServiceCollection services) => Telemetry.AttachTo(services);
}

/// <summary>
/// Runs alone, after every other class: activity sources are process-wide, so the capture also gets the spans of hosts
/// that other classes run at the same time — such as <c>ApiValidationTests</c> asking for <c>/api/agreements/0101901234</c>,
/// a CPR-shaped id in the path — and this test is about what its own host emits.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryAlone
{
    public const string Name = "Telemetry, alone";
}

/// <summary>What OpenTelemetry gets from real lifecycle steps: the domain's spans and gauges, and nothing personal anywhere.</summary>
[Collection(TelemetryAlone.Name)]
public sealed class TelemetryTests(TelemetryCaptureHost host) : IClassFixture<TelemetryCaptureHost>
{
    [Fact]
    public async Task Creation_consent_and_a_refused_email_leave_spans_metrics_and_logs_without_the_residents_data()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m));
        host.SendGrid.FailNextRequests(1, HttpStatusCode.BadRequest);
        await host.StepAsync(id, "consent", Steps.Consent("given"));
        await host.WaitForAsync(id, a => a.Kinds().Contains("EmailFailed"), "the finance approvers' email refused");
        await host.Services.GetRequiredService<TelemetrySnapshotJob>().RunAsync(host.Durable, CancellationToken.None);
        TelemetryCapture.FlushMetrics(host.Services);

        var spans = host.Telemetry.Spans;
        var logs = host.Telemetry.Logs;
        var metrics = host.Telemetry.Metrics;

        // Captured for real: the command spans carry the opaque id; requests, outgoing calls and the domain's gauges are there.
        Assert.Contains(spans, span => span.StartsWith("Mobilitet.Workflows CreateAgreement", StringComparison.Ordinal)
            && span.Contains($"{MobilitetTelemetry.AgreementIdTag}={id}", StringComparison.Ordinal)
            && span.Contains($"{MobilitetTelemetry.OutcomeTag}=Created", StringComparison.Ordinal));
        Assert.Contains(spans, span => span.StartsWith("Mobilitet.Workflows RecordDecision", StringComparison.Ordinal) && span.Contains(id, StringComparison.Ordinal));
        Assert.Contains(spans, span => span.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && span.Contains("/consent", StringComparison.Ordinal));
        Assert.Contains(spans, span => span.StartsWith("System.Net.Http", StringComparison.Ordinal) && span.Contains("/v3/mail/send", StringComparison.Ordinal));
        // (Values are WorkflowMetricsTests' business: other hosts in this test process export the same meter name.)
        Assert.Contains(metrics, metric => metric.StartsWith("mobilitet.agreements status=AwaitingFinancing", StringComparison.Ordinal));
        Assert.Contains(metrics, metric => metric.StartsWith("mobilitet.emails.failed kind=FinancingDecisionRequested", StringComparison.Ordinal));
        Assert.Contains(metrics, metric => metric.StartsWith("http.server.request.duration", StringComparison.Ordinal));
        Assert.NotEmpty(logs);

        foreach (var personal in LifecycleHost.PersonalValues)
        {
            var leaked = spans.Where(span => span.Contains(personal, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaked.Count == 0, $"Spans with '{personal}':\n{string.Join('\n', leaked)}");
            Assert.DoesNotContain(logs, log => log.Contains(personal, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(metrics, metric => metric.Contains(personal, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(personal, StringComparison.OrdinalIgnoreCase));
        }
    }
}
