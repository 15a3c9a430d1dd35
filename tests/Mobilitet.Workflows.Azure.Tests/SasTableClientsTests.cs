using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Data.Tables.Sas;
using Mobilitet.Testing;
using Mobilitet.Workflows.Azure.Configuration;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>Tables for a connection string go through an account SAS signed once, not a key signature per request.</summary>
public sealed class SasTableClientsTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    [Fact]
    public async Task A_connection_string_with_a_key_gives_a_client_whose_requests_carry_the_sas_and_no_key_signature()
    {
        var seen = new SeenRequests();
        var tables = SasTableClients.FromConnectionString(Azurite.ConnectionString, seen.Options());
        var table = tables.GetTableClient("sas" + Guid.NewGuid().ToString("N")[..12]);

        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "a") { ["Value"] = 1 });
        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "b") { ["Value"] = 2 })]);
        List<TableEntity> rows = [];
        await foreach (var row in table.QueryAsync<TableEntity>(row => row.PartitionKey == "p"))
        {
            rows.Add(row);
        }

        await tables.DeleteTableAsync(table.Name);

        Assert.Equal(["a", "b"], rows.Select(row => row.RowKey));
        Assert.Equal(5, seen.Requests.Count);
        Assert.All(seen.Requests, request =>
        {
            Assert.Null(request.Authorization);
            Assert.Contains("sig=", request.Query, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_connection_string_without_a_key_is_used_as_it_is()
    {
        var sas = new TableServiceClient(Azurite.ConnectionString).GenerateSasUri(TableAccountSasPermissions.All, TableAccountSasResourceTypes.All, DateTimeOffset.UtcNow.AddHours(1));
        var connectionString = $"TableEndpoint={new UriBuilder(sas) { Query = string.Empty }.Uri};SharedAccessSignature={sas.Query.TrimStart('?')}";
        var seen = new SeenRequests();
        var tables = SasTableClients.FromConnectionString(connectionString, seen.Options());

        var table = tables.GetTableClient("sas" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync();
        await tables.DeleteTableAsync(table.Name);

        Assert.All(seen.Requests, request => Assert.Null(request.Authorization));
        Assert.Equal(2, seen.Requests.Count);
    }

    private sealed class SeenRequests : HttpPipelineSynchronousPolicy
    {
        public List<(string? Authorization, string Query)> Requests { get; } = [];

        public TableClientOptions Options()
        {
            var options = new TableClientOptions();
            options.AddPolicy(this, HttpPipelinePosition.BeforeTransport);
            return options;
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            lock (Requests)
            {
                Requests.Add((message.Request.Headers.TryGetValue("Authorization", out var authorization) ? authorization : null, message.Request.Uri.Query));
            }
        }
    }
}
