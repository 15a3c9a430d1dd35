using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Caseload;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>
/// Rows and blobs written in clear text before encryption at rest (written here as the adapters wrote them then): read
/// as they are, and encrypted in place by the migration every store of personal data takes part in.
/// </summary>
public sealed class PersonalDataMigrationTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private const string Cpr = "0101904321";
    private const string Name = "Åse Gammeldata";
    private const string Email = "aase.gammeldata@example.dk";

    private TableClient Table(string name) => Get<TableServiceClient>().GetTableClient(Azurite.CreateStorageOptions(TablePrefix).TableName(name));

    private BlobContainerClient Documents => Get<BlobServiceClient>().GetBlobContainerClient(Azurite.CreateStorageOptions(TablePrefix).ContainerName(StorageNames.DocumentsContainer));

    [Fact]
    public async Task Clear_rows_from_before_read_correctly_and_the_migration_encrypts_them_in_place_once()
    {
        var id = AgreementIds.New();
        var importId = CaseloadImportIds.New();
        await WriteClearRowsAsync(id, importId);

        // Before the migration: read as they are.
        await AssertReadableAsync(id, importId);
        Assert.Contains(Cpr, await RawAsync(id, importId), StringComparison.Ordinal);

        var encrypted = 0;
        foreach (var store in Get<IEnumerable<IClearPersonalDataMigration>>())
        {
            encrypted += await store.EncryptClearTextAsync(None);
        }

        Assert.True(encrypted >= 5, $"{encrypted} encrypted"); // vault parties and note, outbox row, caseload line, document
        var raw = await RawAsync(id, importId);
        Assert.All(new[] { Cpr, Name, Email, "Gammeldata" }, value => Assert.DoesNotContain(value, raw, StringComparison.OrdinalIgnoreCase));
        await AssertReadableAsync(id, importId);

        // Everything is encrypted now: another run finds nothing to do.
        foreach (var store in Get<IEnumerable<IClearPersonalDataMigration>>())
        {
            Assert.Equal(0, await store.EncryptClearTextAsync(None));
        }
    }

    [Fact]
    public void Every_store_of_personal_data_takes_part_in_the_migration()
    {
        var stores = Get<IEnumerable<IClearPersonalDataMigration>>().Select(store => store.GetType().Name).Order(StringComparer.Ordinal);

        Assert.Equal(["BlobDocumentStore", "TableCaseloadImportStore", "TableOutbox", "TablePersonalDataVault"], stores);
    }

    private async Task WriteClearRowsAsync(string id, string importId)
    {
        await Table(StorageNames.PersonalData).AddEntityAsync(new TableEntity(id, TablePersonalDataVault.PartiesRowKey)
        {
            ["ResidentCpr"] = Cpr,
            ["ResidentName"] = Name,
            ["ResidentEmail"] = Email,
            ["CaseworkerName"] = "Karl Sagsbehandler",
            ["CaseworkerEmail"] = "karl@kommune.example.dk",
            ["SupervisorEmails"] = "[\"tilsyn@kommune.example.dk\"]",
            ["FinancingPurpose"] = "Indskud",
            ["StopReason"] = "",
        });
        await Table(StorageNames.PersonalData).AddEntityAsync(new TableEntity(id, "note:" + id + "-esc-m3") { ["Note"] = $"Talt med {Name}" });
        await Table(StorageNames.Outbox).AddEntityAsync(new TableEntity(id, "consentreminder-1")
        {
            ["NotificationId"] = "consentreminder-1",
            ["To"] = JsonSerializer.Serialize(new[] { Email }),
            ["Cc"] = "[]",
            ["Subject"] = "Påmindelse",
            ["TextBody"] = $"Kære {Name}",
            ["HtmlBody"] = $"<p>Kære {Name}</p>",
            ["Links"] = "[]",
            ["SentAt"] = DateTimeOffset.UtcNow,
        });
        await Table(StorageNames.CaseloadImports).AddEntityAsync(new TableEntity(importId, TableCaseloadImportStore.LineRowKey(2))
        {
            ["Values"] = JsonSerializer.Serialize(CaseloadFile.Columns.Select(column => column switch
            {
                "resident.cpr" => Cpr,
                "resident.name" => Name,
                _ => "x",
            })),
        });
        await Documents.UploadBlobAsync($"{id}/{DocumentNames.SentEmail("consentreminder-1")}", BinaryData.FromString(JsonSerializer.Serialize(new { to = new[] { Email }, text = $"Kære {Name}" })));
    }

    private async Task AssertReadableAsync(string id, string importId)
    {
        var parties = await Get<IPersonalDataVault>().FindAsync(id, None);
        Assert.Equal(new Resident(Cpr, Name, Email, null), parties!.Resident);
        Assert.Equal(["tilsyn@kommune.example.dk"], parties.SupervisorEmails);
        Assert.Null(parties.StopReason);
        Assert.Equal($"Talt med {Name}", await Get<IPersonalDataVault>().FindEscalationNoteAsync(id, id + "-esc-m3", None));

        var email = Assert.Single(await Get<Email.TableOutbox>().ListAsync(1000, None), email => email.Message.AgreementId == id);
        Assert.Equal([Email], email.Message.To);
        Assert.Equal($"Kære {Name}", email.Message.TextBody);

        var line = Assert.Single(await Get<ICaseloadImportStore>().PendingAsync(importId, 10, None));
        Assert.Equal(Cpr, line.Value("resident.cpr"));

        var archived = await Get<IDocumentStore>().ReadJsonAsync<JsonElement>(id, DocumentNames.SentEmail("consentreminder-1"), None);
        Assert.Equal(Email, archived.GetProperty("to")[0].GetString());
    }

    // Every stored value of the agreement and the import, as storage holds it.
    private async Task<string> RawAsync(string id, string importId)
    {
        var values = new List<string>();
        foreach (var (table, partition) in new[] { (StorageNames.PersonalData, id), (StorageNames.Outbox, id), (StorageNames.CaseloadImports, importId) })
        {
            await foreach (var row in Table(table).QueryAsync<TableEntity>(row => row.PartitionKey == partition))
            {
                values.AddRange(row.Select(pair => pair.Value).Select(value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
            }
        }

        values.Add((await Documents.GetBlobClient($"{id}/{DocumentNames.SentEmail("consentreminder-1")}").DownloadContentAsync()).Value.Content.ToString());
        return string.Join('\n', values);
    }
}
