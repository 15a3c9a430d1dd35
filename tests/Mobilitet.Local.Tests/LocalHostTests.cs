using Xunit.Abstractions;
using System.Net;
using System.Text.Json.Nodes;
using Mobilitet.Local.Tests.Infrastructure;
using Mobilitet.Testing.Api;

namespace Mobilitet.Local.Tests;

/// <summary>What a developer meets when they start the local host without any configuration of their own.</summary>
public sealed class LocalHostTests(ITestOutputHelper log) : IAsyncLifetime
{
    private HostEnvironment environment = null!;

    public Task InitializeAsync()
    {
        environment = new HostEnvironment(TimeSpan.FromMilliseconds(100), log);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await environment.CleanUpAsync();

    [Fact]
    public async Task Without_a_sendgrid_key_emails_land_in_the_outbox_with_their_links_and_health_reports_engine_and_storage()
    {
        await using var host = await environment.StartHostAsync();
        using var http = new HttpClient { BaseAddress = host.BaseUrl }.SignedInAs(TestIdentities.Everything);
        var api = new AgreementApi(http);

        // One clear line; nothing else on a quiet start.
        Assert.Contains($"running on {host.BaseUrl.ToString().TrimEnd('/')}", host.StartupLine, StringComparison.Ordinal);
        Assert.Contains("storage: Azurite", host.StartupLine, StringComparison.Ordinal);
        Assert.Contains("day length: 00:00:00.1000000", host.StartupLine, StringComparison.Ordinal);
        Assert.Contains("email: outbox", host.StartupLine, StringComparison.Ordinal);

        var id = await api.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m));
        await api.StepAsync(id, "consent", Steps.Consent("given"));
        var escalation = (await api.WaitForAsync(id, a => a.Array("escalations").Count > 0, "the financing escalation", TimeSpan.FromMinutes(3)))
            .Array("escalations")[0];

        var outbox = await Eventually.WaitForAsync(
            async () => JsonNode.Parse(await http.GetStringAsync(new Uri("/api/outbox", UriKind.Relative)))!.AsArray(),
            emails => emails.Any(e => e.Text("id").StartsWith("escalationraised", StringComparison.Ordinal)),
            "the escalation email in the outbox");
        var request = Assert.Single(outbox, e => e.Text("id") == "financingdecisionrequested-financing");
        Assert.Equal(["finansiering@mobilitet.example.dk"], request!["to"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains("50.000 kr.", request.Text("subject"), StringComparison.Ordinal);
        Assert.Contains("Træf afgørelse senest", request.Text("body"), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse(request.Text("sentAt"), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(-10));

        // The decision link in the email opens the decision page on this host.
        var decision = outbox.First(e => e.Text("id").StartsWith("escalationraised", StringComparison.Ordinal))!["links"]!.AsArray()
            .Single(l => l.Text("label") == "Træf beslutning").Text("url");
        Assert.StartsWith(host.BaseUrl + $"api/escalations/{escalation.Text("escalationId")}/decide?token=", decision, StringComparison.Ordinal);
        // At a 100 ms day a link lives about a second (its level's days plus the grace days), so on a loaded machine it
        // may have expired by now: either way it is this host's decision page for that escalation that answers.
        using var opened = await http.GetAsync(new Uri(decision));
        var page = await opened.Content.ReadAsStringAsync();
        Assert.True(
            (opened.StatusCode == HttpStatusCode.OK && page.Contains("Send beslutning", StringComparison.Ordinal))
                || (opened.StatusCode == HttpStatusCode.Gone && page.Contains("Linket er udløbet", StringComparison.Ordinal)),
            $"{(int)opened.StatusCode}: {page}");

        using var health = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var report = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", report.Text("status"));
        Assert.Equal("Healthy", report["engine"].Text("status"));
        Assert.Equal("AzureStorage", report["engine"].Text("provider"));
        Assert.Equal("Healthy", report["storage"].Text("status"));

        // Quiet by default: the startup line, no information logs.
        Assert.DoesNotContain(host.Output, line => line.StartsWith("info:", StringComparison.Ordinal));

        Assert.Equal(0, await host.StopAsync());
        Assert.False(await environment.AzuriteIsListeningAsync(), "the host stops the Azurite it started");
    }

    [Fact]
    public async Task Verbose_raises_the_logs_and_a_second_start_reuses_the_data()
    {
        string id;
        await using (var first = await environment.StartHostAsync("--verbose"))
        {
            Assert.Contains(first.Output, line => line.StartsWith("info:", StringComparison.Ordinal));
            using var http = new HttpClient { BaseAddress = first.BaseUrl }.SignedInAs(TestIdentities.Everything);
            id = await new AgreementApi(http).CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));
            Assert.Equal(0, await first.StopAsync());
        }

        await using var second = await environment.StartHostAsync();
        using var again = new HttpClient { BaseAddress = second.BaseUrl }.SignedInAs(TestIdentities.Everything);
        var agreement = await new AgreementApi(again).WaitForStatusAsync(id, "Expired", TimeSpan.FromMinutes(3));
        Assert.Equal("AgreementCreated", agreement.Kinds().First());
    }
}
