using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Mobilitet.Local.Configuration;
using Mobilitet.Workflows.Notifications;
using Moq;

namespace Mobilitet.Local.Tests.Configuration;

public sealed class ListeningPublicBaseAddressTests : IDisposable
{
    private readonly ServerAddressesFeature addresses = new();
    private readonly CancellationTokenSource started = new();
    private readonly CancellationTokenSource stopping = new();

    private ListeningPublicBaseAddress Address(Uri? configured = null)
    {
        var features = new FeatureCollection();
        features.Set<IServerAddressesFeature>(addresses);
        var server = new Mock<IServer>();
        server.SetupGet(s => s.Features).Returns(features);
        var lifetime = new Mock<IHostApplicationLifetime>();
        lifetime.SetupGet(l => l.ApplicationStarted).Returns(started.Token);
        lifetime.SetupGet(l => l.ApplicationStopping).Returns(stopping.Token);
        return new ListeningPublicBaseAddress(server.Object, lifetime.Object, Options.Create(new EmailLinkOptions { PublicBaseUrl = configured }));
    }

    public void Dispose()
    {
        started.Dispose();
        stopping.Dispose();
    }

    [Fact]
    public async Task A_configured_address_wins_without_waiting_for_the_server()
    {
        var address = await Address(new Uri("https://mobilitet.example.dk")).GetAsync(CancellationToken.None);

        Assert.Equal(new Uri("https://mobilitet.example.dk"), address);
    }

    [Fact]
    public async Task Before_the_host_has_started_it_waits_and_then_gives_the_address_the_server_bound()
    {
        addresses.Addresses.Add("http://127.0.0.1:0"); // what the server lists before it binds
        var pending = Address().GetAsync(CancellationToken.None).AsTask();

        Assert.False(pending.IsCompleted);
        addresses.Addresses.Clear();
        addresses.Addresses.Add("http://127.0.0.1:5099");
        await started.CancelAsync();

        Assert.Equal(new Uri("http://127.0.0.1:5099"), await pending);
    }

    [Fact]
    public async Task A_host_that_stops_before_it_starts_ends_the_wait()
    {
        var pending = Address().GetAsync(CancellationToken.None).AsTask();

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5099", "http://127.0.0.1:5099/")]
    [InlineData("http://localhost:7071", "http://localhost:7071/")]
    [InlineData("http://0.0.0.0:7071", "http://localhost:7071/")]
    [InlineData("http://[::]:7071", "http://localhost:7071/")]
    [InlineData("http://+:7071", "http://localhost:7071/")]
    [InlineData("http://*:7071", "http://localhost:7071/")]
    [InlineData("https://[::1]:8443", "https://[::1]:8443/")]
    [InlineData("http://mobilitet.local:80", "http://mobilitet.local/")]
    public async Task The_first_listening_address_is_used_with_a_wildcard_host_made_localhost(string listening, string expected)
    {
        addresses.Addresses.Add(listening);
        addresses.Addresses.Add("http://192.0.2.1:1");
        await started.CancelAsync();

        Assert.Equal(expected, (await Address().GetAsync(CancellationToken.None)).ToString());
    }
}
