using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Mobilitet.Testing;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>The fixture itself: it must serve all three services and leave nothing behind.</summary>
public sealed class AzuriteFixtureTests
{
    [Fact]
    public async Task A_fixture_serves_tables_blobs_and_queues_and_leaves_no_process_or_folder_behind()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        string location;
        int tablePort;
        try
        {
            location = azurite.Location;
            tablePort = azurite.TablePort;
            Assert.True(Directory.Exists(location));

            var table = new TableClient(azurite.ConnectionString, "fixturecheck");
            await table.CreateIfNotExistsAsync();
            await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Value"] = "v" });
            Assert.Equal("v", (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetString("Value"));

            var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("fixturecheck");
            await container.CreateIfNotExistsAsync();
            await container.UploadBlobAsync("b.txt", BinaryData.FromString("blob"));
            Assert.Equal("blob", (await container.GetBlobClient("b.txt").DownloadContentAsync()).Value.Content.ToString());

            var queue = new QueueClient(azurite.ConnectionString, "fixturecheck");
            await queue.CreateIfNotExistsAsync();
            await queue.SendMessageAsync("q");
            Assert.Equal("q", (await queue.ReceiveMessageAsync()).Value.Body.ToString());
        }
        finally
        {
            await azurite.DisposeAsync();
        }

        Assert.False(Directory.Exists(location));
        Assert.False(await AcceptsConnectionsAsync(tablePort));
    }

    [Fact]
    public async Task The_shared_instance_is_started_once_and_answers()
    {
        var first = await AzuriteFixture.GetSharedAsync();
        var second = await AzuriteFixture.GetSharedAsync();

        Assert.Same(first, second);
        var tables = new TableServiceClient(first.ConnectionString);
        var name = AzuriteFixture.NewTablePrefix() + "Shared";
        await tables.CreateTableIfNotExistsAsync(name);
        List<string> names = [];
        await foreach (var table in tables.QueryAsync())
        {
            names.Add(table.Name);
        }

        Assert.Contains(name, names);
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
