using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Caseload;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>The caseload import's tables on Azurite: the reference map's first-wins reservation, and the import's lines.</summary>
public sealed class CaseloadStorageTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private ICaseloadReferenceMap References => Get<ICaseloadReferenceMap>();

    private ICaseloadImportStore Imports => Get<ICaseloadImportStore>();

    private static string Key(char c) => new(c, 64);

    [Fact]
    public async Task A_reference_is_reserved_once_the_first_reservation_stands_and_municipalities_are_apart()
    {
        var first = new CaseloadReference(AgreementIds.New(), CaseloadImportIds.New());
        var second = new CaseloadReference(AgreementIds.New(), CaseloadImportIds.New());

        Assert.Null(await References.FindAsync(Samples.Copenhagen, Key('a'), None));
        Assert.Equal(first, await References.ReserveAsync(Samples.Copenhagen, Key('a'), first, None));
        Assert.Equal(first, await References.ReserveAsync(Samples.Copenhagen, Key('a'), second, None));
        Assert.Equal(first, await References.FindAsync(Samples.Copenhagen, Key('a'), None));

        // The same key in another municipality is another reference.
        Assert.Equal(second, await References.ReserveAsync("0253", Key('a'), second, None));

        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            References.ReserveAsync(Samples.Copenhagen, Key('b'), new CaseloadReference(AgreementIds.New(), CaseloadImportIds.New()), None)));
        Assert.Single(racing.Distinct());
    }

    [Fact]
    public async Task Lines_wait_in_order_until_each_has_an_outcome_which_replaces_its_values()
    {
        var import = new CaseloadImport(CaseloadImportIds.New(), "user-1", new HashSet<string> { "caseworker" }, new HashSet<string> { Samples.Copenhagen }, 4, 1, false, DateTimeOffset.UtcNow);
        string[] Values(string cpr) => [.. CaseloadFile.Columns.Select(column => column == "resident.cpr" ? cpr : "x")];
        var lines = Enumerable.Range(2, 3).Select(line => new CaseloadLine(line, Values($"01019012{line:D2}"))).ToList();
        var refused = CaseloadRowOutcome.Rejected(5, [new ExtractError(5, null, "Linjen har 3 felter, men overskriften har 19.")]);
        lines.Add(new CaseloadLine(150, Values("0101901299"))); // line order, not text order ("150" < "2")

        await Imports.AddAsync(import, lines, [refused], None);

        Assert.Equal(import, await Imports.FindAsync(import.ImportId, None), new ImportComparer());
        var pending = await Imports.PendingAsync(import.ImportId, 2, None);
        Assert.Equal([2, 3], pending.Select(line => line.Line));
        Assert.Equal("0101901202", pending[0].Value("resident.cpr"));

        var created = new CaseloadRowOutcome(2, CaseloadRowResult.Created, AgreementIds.New(), []);
        var rejected = CaseloadRowOutcome.Rejected(3, [new ExtractError(3, "resident.cpr", "CPR-nummeret har en ugyldig dato.")]);
        await Imports.CompleteLineAsync(import.ImportId, created, None);
        await Imports.CompleteLineAsync(import.ImportId, rejected, None);
        await Imports.UpdateProgressAsync(import.ImportId, 3, completed: false, None);

        Assert.Equal([4, 150], (await Imports.PendingAsync(import.ImportId, 10, None)).Select(line => line.Line));
        Assert.Equal(3, (await Imports.FindAsync(import.ImportId, None))!.RowsDone);
        var outcomes = (await Imports.OutcomesAsync(import.ImportId, None)).OrderBy(outcome => outcome.Line).ToList();
        Assert.Equal([2, 3, 5], outcomes.Select(outcome => outcome.Line));
        Assert.Equal(created.AgreementId, outcomes[0].AgreementId);
        Assert.Equal(rejected.Errors, outcomes[1].Errors);
        Assert.Equal(refused.Errors, outcomes[2].Errors);

        // A line with an outcome keeps no values: nothing of the resident is left in its row.
        var table = Get<TableServiceClient>().GetTableClient(Get<IOptions<StorageOptions>>().Value.TableName(StorageNames.CaseloadImports));
        var rows = table.QueryAsync<TableEntity>(row => row.PartitionKey == import.ImportId);
        await foreach (var row in rows)
        {
            var text = string.Join('|', ((IDictionary<string, object>)row).Values.Select(value => value?.ToString()));
            if (row.RowKey is "line:000000002" or "line:000000003")
            {
                Assert.DoesNotContain("010190", text, StringComparison.Ordinal);
            }
        }

        await Imports.UpdateProgressAsync(import.ImportId, 5, completed: true, None);
        Assert.True((await Imports.FindAsync(import.ImportId, None))!.Completed);
    }

    [Fact]
    public async Task An_import_whose_first_answer_was_lost_is_stored_whole()
    {
        var lostAnswer = new LostAnswer();
        var unlucky = new TableCaseloadImportStore(lostAnswer.Tables(Azurite.ConnectionString), Get<IOptions<StorageOptions>>(), Get<IPersonalDataProtector>());
        var import = new CaseloadImport(CaseloadImportIds.New(), "user-1", new HashSet<string> { "caseworker" }, new HashSet<string> { Samples.Copenhagen }, 2, 0, false, DateTimeOffset.UtcNow);
        var lines = Enumerable.Range(2, 2).Select(line => new CaseloadLine(line, [.. CaseloadFile.Columns.Select(_ => "x")])).ToList();

        await unlucky.AddAsync(import, lines, [], None); // before: the SDK's retry of the import row met its own first attempt (409)

        Assert.Equal(1, lostAnswer.Lost);
        Assert.Equal(import, await Imports.FindAsync(import.ImportId, None), new ImportComparer());
        Assert.Equal([2, 3], (await Imports.PendingAsync(import.ImportId, 10, None)).Select(line => line.Line));
    }

    private sealed class ImportComparer : IEqualityComparer<CaseloadImport?>
    {
        public bool Equals(CaseloadImport? x, CaseloadImport? y) =>
            x is not null && y is not null && x.ImportId == y.ImportId && x.UserId == y.UserId && x.Roles.SetEquals(y.Roles)
            && x.Municipalities.SetEquals(y.Municipalities) && x.RowsRead == y.RowsRead && x.RowsDone == y.RowsDone && x.Completed == y.Completed;

        public int GetHashCode(CaseloadImport? obj) => obj?.ImportId.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
