using System.Net;
using System.Net.Http.Json;
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

    [Fact]
    public async Task With_azurite_gone_the_api_answers_a_danish_503_with_retry_after_and_a_step_is_told_to_look_before_trying_again()
    {
        await using var host = await environment.StartHostAsync();
        using var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(90) }.SignedInAs(TestIdentities.Everything);
        var id = await new AgreementApi(http).CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));

        var azurite = AzuriteProcess.TryAdopt(environment.AzuriteLocation, environment.Azurite);
        Assert.NotNull(azurite);
        await azurite.StopAsync(TimeSpan.Zero);

        // A read: the same request may succeed once storage is back.
        using (var read = await http.GetAsync(new Uri($"/api/agreements/{id}", UriKind.Relative)))
        {
            var problem = await ProblemAsync(read, environment.Azurite);
            Assert.Equal("Datalageret svarede ikke i tide. Prøv igen om lidt.", problem.Text("detail"));
        }

        // A step may have got part of the way before storage went: the answer does not say nothing changed.
        using (var create = await http.PostAsJsonAsync("/api/agreements", AgreementForms.Valid(AgreementForms.Today.AddDays(30))))
        {
            var problem = await ProblemAsync(create, environment.Azurite);
            Assert.Contains("måske ikke gennemført", problem.Text("detail"), StringComparison.Ordinal);
        }

        await host.KillAsync();
    }

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, AzuriteEndpoints storage)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode} {body}");
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(503, problem["status"]!.GetValue<int>());
        Assert.Equal("Tjenesten er midlertidigt utilgængelig", problem.Text("title"));
        Assert.DoesNotContain($":{storage.TablePort}", body, StringComparison.Ordinal); // nothing of the exception ("Connection refused (127.0.0.1:port)")
        return problem;
    }
}
