using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Workflow.Activities;
using Moq;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class PersonKeyIndexTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private static readonly PersonKeys Keys = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private IPersonKeyIndex Index => Get<IPersonKeyIndex>();

    [Fact]
    public async Task A_municipality_lists_its_own_agreements_only_with_each_persons_key()
    {
        var anna = Keys.KeyOf("0102901234");
        var bo = Keys.KeyOf("1503851111");
        var copenhagen = new PersonKeyEntry(anna, AgreementIds.New(), Samples.Copenhagen);
        var copenhagenToo = new PersonKeyEntry(bo, AgreementIds.New(), Samples.Copenhagen);
        var aarhus = new PersonKeyEntry(anna, AgreementIds.New(), "0253"); // another municipality (each test here has its own codes)

        foreach (var entry in new[] { copenhagen, copenhagenToo, aarhus })
        {
            await Index.AddAsync(entry, None);
        }

        await Index.AddAsync(copenhagen, None); // again: still one entry

        Assert.Equal(
            new[] { copenhagen, copenhagenToo }.OrderBy(entry => entry.AgreementId, StringComparer.Ordinal),
            (await Index.ListAsync(Samples.Copenhagen, None)).OrderBy(entry => entry.AgreementId, StringComparer.Ordinal));
        Assert.Equal([aarhus], await Index.ListAsync("0253", None));
        Assert.Empty(await Index.ListAsync("0461", None));
    }

    [Fact]
    public async Task An_entry_is_removed_without_knowing_its_municipality_and_the_others_stay()
    {
        var removed = new PersonKeyEntry(Keys.KeyOf("0102901234"), AgreementIds.New(), "0159");
        var keptHere = new PersonKeyEntry(Keys.KeyOf("1503851111"), AgreementIds.New(), "0159");
        var keptElsewhere = new PersonKeyEntry(Keys.KeyOf("0102901234"), AgreementIds.New(), "0161");
        foreach (var entry in new[] { removed, keptHere, keptElsewhere })
        {
            await Index.AddAsync(entry, None);
        }

        await Index.RemoveWhereverAsync(removed.AgreementId, None);
        await Index.RemoveWhereverAsync(removed.AgreementId, None);

        Assert.Equal([keptHere], await Index.ListAsync("0159", None));
        Assert.Equal([keptElsewhere], await Index.ListAsync("0161", None));
    }

    [Fact]
    public async Task Removing_an_entry_leaves_the_others_and_can_run_again()
    {
        var removed = new PersonKeyEntry(Keys.KeyOf("0102901234"), AgreementIds.New(), "0147");
        var kept = new PersonKeyEntry(Keys.KeyOf("1503851111"), AgreementIds.New(), "0147");
        await Index.AddAsync(removed, None);
        await Index.AddAsync(kept, None);

        await Index.RemoveAsync("0147", removed.AgreementId, None);
        await Index.RemoveAsync("0147", removed.AgreementId, None);

        Assert.False(await Index.ContainsAsync("0147", removed.AgreementId, None));
        Assert.True(await Index.ContainsAsync("0147", kept.AgreementId, None));
        Assert.Equal([kept], await Index.ListAsync("0147", None));
    }

    [Fact]
    public async Task The_stored_row_holds_the_key_and_never_the_cpr()
    {
        const string cpr = "3112994321";
        var entry = new PersonKeyEntry(Keys.KeyOf(cpr), AgreementIds.New(), "0155");
        await Index.AddAsync(entry, None);

        var table = Get<TableServiceClient>().GetTableClient(Get<IOptions<StorageOptions>>().Value.TableName(StorageNames.PersonKeyIndex));
        var row = (await table.GetEntityAsync<TableEntity>("0155", entry.AgreementId)).Value;
        var stored = string.Join('|', row.Select(column => $"{column.Key}={column.Value}"));

        Assert.Equal(entry.Person.Value, row.GetString("PersonKey"));
        Assert.Matches("^[0-9a-f]{64}$", entry.Person.Value);
        Assert.DoesNotContain(cpr, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("311299", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasing_an_agreements_data_after_a_withdrawal_removes_its_entry_and_its_register_rows()
    {
        var agreement = Samples.Agreement(Samples.Aarhus);
        var other = Samples.Agreement(Samples.Aarhus);
        await Get<IAgreementRepository>().AddAsync(agreement, None);
        await Get<IPersonalDataVault>().SaveAsync(agreement.AgreementId, new AgreementPersonalData(
            new Resident("0102901234", "Åse Ørnsø", null, null), new Caseworker("Karl", "karl@kommune.example.dk"), ["tilsyn@kommune.example.dk"], "Flytning"), None);
        await Index.AddAsync(new PersonKeyEntry(Keys.KeyOf("0102901234"), agreement.AgreementId, Samples.Aarhus), None);
        await Index.AddAsync(new PersonKeyEntry(Keys.KeyOf("1503851111"), other.AgreementId, Samples.Aarhus), None);
        var rows = Get<IRegisterRowStore>();
        var row = new AmountRow(Keys.KeyOf("0102901234"), new RowRef("upload-1", 2), DateTimeOffset.UtcNow, new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31), 0m, 4m, 0m, 0m, 100m);
        await rows.SaveAsync(agreement.AgreementId, [row], [], None);
        await rows.SaveAsync(other.AgreementId, [row], [], None);

        var erase = ActivatorUtilities.CreateInstance<EraseAgreementData>(Services, ActivatorUtilities.CreateInstance<Mobilitet.Workflows.PersonalData.AgreementErasure>(Services));
        await erase.RunAsync(Mock.Of<TaskActivityContext>(), new ErasureInput(agreement.AgreementId, DateTime.UtcNow));
        await erase.RunAsync(Mock.Of<TaskActivityContext>(), new ErasureInput(agreement.AgreementId, DateTime.UtcNow));

        Assert.False(await Index.ContainsAsync(Samples.Aarhus, agreement.AgreementId, None));
        Assert.True(await Index.ContainsAsync(Samples.Aarhus, other.AgreementId, None));
        Assert.Null(await Get<IPersonalDataVault>().FindAsync(agreement.AgreementId, None));
        Assert.True((await rows.ReadAsync(agreement.AgreementId, None)).IsEmpty);
        Assert.Single((await rows.ReadAsync(other.AgreementId, None)).Amounts);
    }
}
