using System.Diagnostics;
using Mobilitet.Local.Storage;
using Mobilitet.Testing;
using Mobilitet.Testing.Api;

namespace Mobilitet.Local.Tests.Storage;

public sealed class AzuriteProcessTests
{
    [Fact]
    public async Task An_owned_azurite_dies_with_its_owner_however_the_owner_ends()
    {
        var ports = FreePort.Get(3);
        var endpoints = new AzuriteEndpoints(ports[0], ports[1], ports[2]);
        var location = Path.Combine(Path.GetTempPath(), "mobilitet-owned-" + Guid.NewGuid().ToString("N")[..12]);
        using var owner = Process.Start("sleep", "600");
        try
        {
            var azurite = await AzuriteProcess.StartAsync(AzuriteFixture.FindRepositoryRoot(), location, endpoints, TimeSpan.FromSeconds(60), CancellationToken.None, ownerProcessId: owner.Id);
            Assert.True(await AzuriteProcess.IsListeningAsync(endpoints, CancellationToken.None));
            Assert.NotNull(AzuriteProcess.TryAdopt(location, endpoints));
            Assert.Null(AzuriteProcess.TryAdopt(location, endpoints with { TablePort = endpoints.TablePort + 1 }));

            owner.Kill();

            await Eventually.WaitForAsync(() => AzuriteProcess.IsListeningAsync(endpoints, CancellationToken.None), listening => !listening, "Azurite to stop with its owner", TimeSpan.FromSeconds(60));
            await azurite.StopAsync(TimeSpan.Zero);
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }

    /// <summary>A kill can lose Azurite's last seconds of writes, store by store: a stop says whether it had to kill (the host warns, the crash storm fails).</summary>
    [Fact]
    public async Task A_stop_says_whether_azurite_stopped_by_itself_or_was_killed()
    {
        var ports = FreePort.Get(3);
        var endpoints = new AzuriteEndpoints(ports[0], ports[1], ports[2]);
        var location = Path.Combine(Path.GetTempPath(), "mobilitet-stop-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var azurite = await AzuriteProcess.StartAsync(AzuriteFixture.FindRepositoryRoot(), location, endpoints, TimeSpan.FromSeconds(60), CancellationToken.None, ownerProcessId: Environment.ProcessId);
            Assert.True(await azurite.StopAsync(TimeSpan.FromMinutes(1)));
            Assert.False(await AzuriteProcess.IsListeningAsync(endpoints, CancellationToken.None));

            azurite = await AzuriteProcess.StartAsync(AzuriteFixture.FindRepositoryRoot(), location, endpoints, TimeSpan.FromSeconds(60), CancellationToken.None, ownerProcessId: Environment.ProcessId);
            Assert.False(await azurite.StopAsync(TimeSpan.Zero));
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true", true, 10000, 10001, 10002)]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=x;BlobEndpoint=http://127.0.0.1:1;QueueEndpoint=http://127.0.0.1:2;TableEndpoint=http://localhost:3", true, 1, 2, 3)]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=stprod;AccountKey=x;EndpointSuffix=core.windows.net", false, 0, 0, 0)]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=x;BlobEndpoint=http://10.0.0.5:1;QueueEndpoint=http://127.0.0.1:2;TableEndpoint=http://127.0.0.1:3", false, 0, 0, 0)]
    [InlineData("", false, 0, 0, 0)]
    public void Only_a_local_development_connection_string_is_one_the_host_may_start_azurite_for(string connectionString, bool local, int blob, int queue, int table)
    {
        Assert.Equal(local, AzuriteEndpoints.TryParse(connectionString, out var endpoints));
        if (local)
        {
            Assert.Equal(new AzuriteEndpoints(blob, queue, table), endpoints);
        }
    }
}
