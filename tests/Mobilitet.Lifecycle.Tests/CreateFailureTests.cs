using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Caseload;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

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
        var before = await KeysAsync(tables, storage, written);
        var listedBefore = await ListedAsync();

        // The agreement row's table is gone (this host's own tables): every write before it succeeds, the row fails.
        await tables.DeleteTableAsync(agreementsTable);
        try
        {
            using var refused = await host.PostAsync("/api/agreements", AgreementForms.Valid(AgreementForms.Today.AddDays(30)));
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)refused.StatusCode} {body}");
            Assert.Equal("Flytteaftalen kunne ikke gemmes, og intet er gemt. Prøv igen om lidt.", JsonNode.Parse(body).Text("detail"));
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
            Assert.Equal(before, await KeysAsync(tables, storage, written)); // no vault, person-key or index row left
        }
        finally
        {
            await tables.CreateTableIfNotExistsAsync(agreementsTable);
        }

        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));

        var added = (await KeysAsync(tables, storage, written)).Except(before).ToList();
        Assert.Contains(added, key => key.StartsWith(StorageNames.PersonalData + " " + id, StringComparison.Ordinal));
        Assert.All(added, key => Assert.Contains(id, key, StringComparison.Ordinal));
        Assert.Equal("AwaitingConsent", (await host.GetStatusAsync(id)).Text("status"));

        // The refused create's list rows (ids and keys, no personal data) stand, listed by no agreement row: no list shows them.
        Assert.Equal([.. listedBefore, id], (await ListedAsync()).Order());
    }

    [Fact]
    public async Task A_caseload_rerun_whose_writes_fail_leaves_the_agreement_an_earlier_run_started_as_it_was()
    {
        // A caseload import's rerun reuses the agreement id it reserved; here the earlier run made and started the agreement.
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));
        var tables = host.Services.GetRequiredService<TableServiceClient>();
        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var vaultBefore = await RowsAsync(tables, storage.TableName(StorageNames.PersonalData));
        Assert.Contains(vaultBefore, row => row.PartitionKey == id);
        var request = JsonSerializer.Deserialize<CreateAgreementRequest>(AgreementForms.Valid(AgreementForms.Today.AddDays(30)).ToJsonString(), ApiJson.Requests)!;
        var caseworker = new CurrentUser("cw-rerun", "Sagsbehandler", new HashSet<string> { Roles.Caseworker }, new HashSet<string> { "0751" });
        var commands = host.Services.GetRequiredService<AgreementCommands>();

        // The rerun's person-key write fails (its table is gone): the rows it would undo are the running agreement's.
        var personKeys = storage.TableName(StorageNames.PersonKeyIndex);
        await tables.DeleteTableAsync(personKeys);
        try
        {
            await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() =>
                commands.CreateAsync(host.Durable, caseworker, request, (_, _) => Task.FromResult(id), CancellationToken.None));
        }
        finally
        {
            await tables.CreateTableIfNotExistsAsync(personKeys);
        }

        Assert.Equal("AwaitingConsent", (await host.GetStatusAsync(id)).Text("status"));
        Assert.Equal(
            vaultBefore.Where(row => row.PartitionKey == id).Select(row => row.RowKey).Order(),
            (await RowsAsync(tables, storage.TableName(StorageNames.PersonalData))).Where(row => row.PartitionKey == id).Select(row => row.RowKey).Order());
    }

    [Fact]
    public async Task Personal_data_left_by_a_create_killed_before_its_agreement_row_is_erased_by_the_sweep_once_the_grace_has_passed()
    {
        // What a process killed between the vault row and the agreement row leaves: the parties and the person key.
        var orphan = AgreementIds.New();
        var vault = host.Services.GetRequiredService<IPersonalDataVault>();
        var index = host.Services.GetRequiredService<IPersonKeyIndex>();
        var parties = new AgreementPersonalData(
            new Resident("0101901234", "Åse Ørnsø", null, null), new Caseworker("Karl", "karl@kommune.example.dk"), ["tilsyn@kommune.example.dk"], "Depositum");
        await vault.SaveAsync(orphan, parties, CancellationToken.None);
        await index.AddAsync(new PersonKeyEntry(host.Services.GetRequiredService<PersonKeys>().KeyOf("0101901234"), orphan, "0751"), CancellationToken.None);
        var standing = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));
        var unstarted = await host.StoreWithoutOrchestrationAsync(); // stored, its start still to come (UnstartedAgreementRepair)

        // Within the grace its create may still be under way; while a caseload import is unfinished its rerun may complete it.
        Assert.Equal(0, await SweepAsync(TimeSpan.Zero));
        var imports = host.Services.GetRequiredService<ICaseloadImportStore>();
        var import = new CaseloadImport("import-" + orphan, "cw-import", new HashSet<string> { Roles.Caseworker }, new HashSet<string> { "0751" }, 0, 0, false, DateTimeOffset.UtcNow);
        await imports.AddAsync(import, [], [], CancellationToken.None);
        try
        {
            Assert.Equal(0, await SweepAsync(OrphanedPersonalDataSweep.Grace * 2));
        }
        finally
        {
            await imports.DiscardAsync(import.ImportId, CancellationToken.None);
        }

        Assert.NotNull(await vault.FindAsync(orphan, CancellationToken.None));
        Assert.True(await index.ContainsAsync("0751", orphan, CancellationToken.None));

        // Past the grace: the orphan's personal data goes, once; the agreements that stand keep their own.
        Assert.Equal(1, await SweepAsync(OrphanedPersonalDataSweep.Grace * 2));
        Assert.Null(await vault.FindAsync(orphan, CancellationToken.None));
        Assert.False(await index.ContainsAsync("0751", orphan, CancellationToken.None));
        Assert.NotNull(await vault.FindAsync(standing, CancellationToken.None));
        Assert.NotNull(await vault.FindAsync(unstarted, CancellationToken.None));
        Assert.True(await index.ContainsAsync("0751", standing, CancellationToken.None));
        Assert.Equal("AwaitingConsent", (await host.GetStatusAsync(standing)).Text("status"));
        Assert.Equal(0, await SweepAsync(OrphanedPersonalDataSweep.Grace * 2));

        // Beyond the lookback a row is no longer looked at (each run reads a week's writes, not the whole vault).
        Assert.Equal(0, await SweepAsync(OrphanedPersonalDataSweep.Grace + OrphanedPersonalDataSweep.Lookback + TimeSpan.FromHours(1)));
    }

    // The sweep as the host runs it, on a clock moved on by the given time.
    private Task<int> SweepAsync(TimeSpan later) =>
        ActivatorUtilities.CreateInstance<OrphanedPersonalDataSweep>(host.Services, new LaterClock(later)).RunAsync(host.Durable, CancellationToken.None);

    private sealed class LaterClock(TimeSpan later) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + later;
    }

    private async Task<List<string>> ListedAsync() =>
        [.. (await host.Api.GetFromJsonAsync<JsonArray>("/api/agreements"))!.Select(agreement => agreement.Text("agreementId")).Order()];

    // "{table} {PartitionKey} {RowKey}" of every row in the tables, in order.
    private static async Task<List<string>> KeysAsync(TableServiceClient tables, StorageOptions storage, IEnumerable<string> names)
    {
        var keys = new List<string>();
        foreach (var name in names)
        {
            keys.AddRange((await RowsAsync(tables, storage.TableName(name))).Select(row => $"{name} {row.PartitionKey} {row.RowKey}"));
        }

        return [.. keys.Order()];
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
