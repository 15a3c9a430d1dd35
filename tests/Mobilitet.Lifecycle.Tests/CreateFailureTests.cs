using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Azure.Configuration;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// A create whose writes fail part of the way: the vault row and the person key stand, the agreement row cannot be
/// written. Without an undo that is personal data no list shows and no retention erases, and a client trying again
/// would leave a second copy.
/// </summary>
public sealed class CreateFailureTests(HourDayHost host) : IClassFixture<HourDayHost>
{
    [Fact]
    public async Task A_create_whose_agreement_row_cannot_be_written_keeps_no_personal_data_says_so_and_a_retry_makes_one_agreement()
    {
        var tables = host.Services.GetRequiredService<TableServiceClient>();
        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var agreementsTable = storage.TableName(StorageNames.Agreements);
        string[] written = [StorageNames.PersonalData, StorageNames.PersonKeyIndex, StorageNames.AgreementIndex];

        // The agreement row's table is gone (this host's own tables): every write before it succeeds, the row fails.
        await tables.DeleteTableAsync(agreementsTable);
        try
        {
            using var refused = await host.PostAsync("/api/agreements", AgreementForms.Valid(AgreementForms.Today.AddDays(30)));
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)refused.StatusCode} {body}");
            Assert.Equal("Flytteaftalen kunne ikke gemmes, og intet er gemt. Prøv igen om lidt.", JsonNode.Parse(body).Text("detail"));
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
            foreach (var table in written)
            {
                Assert.True((await RowsAsync(tables, storage.TableName(table))).Count == 0, $"{table} keeps rows of the refused create");
            }
        }
        finally
        {
            await tables.CreateTableIfNotExistsAsync(agreementsTable);
        }

        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));

        var vault = await RowsAsync(tables, storage.TableName(StorageNames.PersonalData));
        Assert.NotEmpty(vault);
        Assert.All(vault, row => Assert.Equal(id, row.PartitionKey));
        Assert.Equal(id, Assert.Single(await RowsAsync(tables, storage.TableName(StorageNames.PersonKeyIndex))).RowKey);
        Assert.Equal("AwaitingConsent", (await host.GetStatusAsync(id)).Text("status"));

        // The refused create's list rows (ids and keys, no personal data) stand, listed by no agreement row: no list shows them.
        var listed = (await host.Api.GetFromJsonAsync<JsonArray>("/api/agreements"))!;
        Assert.Equal(id, Assert.Single(listed)!.Text("agreementId"));
    }

    private static async Task<List<TableEntity>> RowsAsync(TableServiceClient tables, string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in tables.GetTableClient(table).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
