using System.Net;
using System.Text.Json.Nodes;
using Mobilitet.Local.Storage;
using Mobilitet.Local.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Xunit.Abstractions;

namespace Mobilitet.Local.Tests;

/// <summary>GET /api/health (ASP.NET Core health checks) on the local host as a process, before and after its storage goes away.</summary>
public sealed class HealthTests(ITestOutputHelper log) : IAsyncLifetime
{
    private HostEnvironment environment = null!;

    public Task InitializeAsync()
    {
        environment = new HostEnvironment(TimeSpan.FromDays(1), log);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await environment.CleanUpAsync();

    [Fact]
    public async Task Health_is_200_while_storage_and_engine_answer_and_503_naming_storage_once_azurite_is_gone()
    {
        await using var host = await environment.StartHostAsync();
        using var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(90) };

        // Anonymous: probes have no identity.
        using (var healthy = await http.GetAsync(new Uri("/api/health", UriKind.Relative)))
        {
            var report = JsonNode.Parse(await healthy.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            Assert.Equal("Healthy", report.Text("status"));
            Assert.Equal("Healthy", report["storage"].Text("status"));
            Assert.Equal("Healthy", report["engine"].Text("status"));
            Assert.Equal("AzureStorage", report["engine"].Text("provider"));
        }

        var azurite = AzuriteProcess.TryAdopt(environment.AzuriteLocation, environment.Azurite);
        Assert.NotNull(azurite);
        await azurite.StopAsync(TimeSpan.Zero);

        using var unhealthy = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
        var body = await unhealthy.Content.ReadAsStringAsync();
        var down = JsonNode.Parse(body)!;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Equal("Unhealthy", down.Text("status"));
        Assert.Equal("Unhealthy", down["storage"].Text("status"));
        Assert.DoesNotContain("AccountKey", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Eby8vdM02", body, StringComparison.Ordinal);

        await host.KillAsync();
    }
}
