using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class RegisterRowStoreTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private const string Cpr = "0102901234";

    private static readonly PersonKeys Keys = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static readonly DateTimeOffset January = new DateTimeOffset(2027, 2, 3, 8, 15, 30, 123, TimeSpan.Zero).AddTicks(4567);
    private static readonly DateTimeOffset February = January.AddDays(28);

    private IRegisterRowStore Rows => Get<IRegisterRowStore>();

    private static AmountRow Amount(string upload, int line, DateTimeOffset at, DateOnly start, DateOnly end, decimal taxPaid) =>
        new(Keys.KeyOf(Cpr), new RowRef(upload, line), at, start, end, 1.5m, 4.43m, 12_345.67m, 0.01m, taxPaid);

    private static WeeklyRow Weekly(string upload, int line, DateTimeOffset at, params (int Year, int Week, string? Code)[] weeks) =>
        new(Keys.KeyOf(Cpr), new RowRef(upload, line), at, [.. weeks.Select(week => new WeekCode(new IsoWeek(week.Year, week.Week), week.Code))]);

    [Fact]
    public async Task Amount_rows_round_trip_exactly_without_their_person_key()
    {
        var id = AgreementIds.New();
        var row = Amount("u1", 2, January, new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31), 9_876.543210m);

        await Rows.SaveAsync(id, [row], [], None);

        var read = Assert.Single((await Rows.ReadAsync(id, None)).Amounts);
        Assert.Equal(row with { Person = RegisterRows.Resident }, read);
        Assert.Equal(January, read.UploadedAt);
    }

    [Fact]
    public async Task Weekly_rows_round_trip_across_years_with_blank_weeks_and_week_53()
    {
        var id = AgreementIds.New();
        var row = Weekly("u1", 2, January, (2026, 52, "KH"), (2026, 53, null), (2027, 1, "SU"), (2027, 2, null));

        await Rows.SaveAsync(id, [], [row], None);

        var read = Assert.Single((await Rows.ReadAsync(id, None)).Weekly);
        Assert.Equal(row.Source, read.Source);
        Assert.Equal(January, read.UploadedAt);
        Assert.Equal(row.Weeks, read.Weeks);
        Assert.Equal([true, false, false, false], (await Rows.ReadAsync(id, None)).Weeks(SupportCodeTable.Default).Select(week => week.OnSupport));
    }

    [Fact]
    public async Task Saving_the_same_upload_again_changes_nothing()
    {
        var id = AgreementIds.New();
        var amounts = Enumerable.Range(0, 150) // more than one batch
            .Select(i => Amount("u1", i + 2, January, new DateOnly(2020, 1, 1).AddDays(i * 7), new DateOnly(2020, 1, 1).AddDays((i * 7) + 6), i))
            .ToList();
        var weekly = Weekly("u1", 200, January, (2027, 1, "KH"));

        await Rows.SaveAsync(id, amounts, [weekly], None);
        await Rows.SaveAsync(id, amounts, [weekly], None);

        var read = await Rows.ReadAsync(id, None);
        Assert.Equal(150, read.Amounts.Count);
        Assert.Single(read.Weekly);
    }

    [Fact]
    public async Task The_newer_upload_wins_on_read_and_both_are_kept()
    {
        var id = AgreementIds.New();
        var older = Amount("u-old", 2, January, new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31), 100m);
        var untouched = Amount("u-old", 3, January, new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 28), 200m);
        var newer = Amount("u-new", 2, February, new DateOnly(2027, 1, 15), new DateOnly(2027, 1, 31), 300m);

        await Rows.SaveAsync(id, [newer], [Weekly("u-new", 5, February, (2027, 1, null))], None);
        await Rows.SaveAsync(id, [older, untouched], [Weekly("u-old", 2, January, (2027, 1, "KH"), (2027, 2, "KH"))], None);

        var read = await Rows.ReadAsync(id, None);
        Assert.Equal([200m, 300m], read.Amounts.Select(row => row.TaxPaidDkk).Order());
        Assert.Equal(2, read.Weekly.Count);
        var weeks = read.Weeks(SupportCodeTable.Default);
        Assert.Equal([(1, false, "u-new"), (2, true, "u-old")], weeks.Select(week => (week.Week.Week, week.OnSupport, week.Source.UploadId)));
    }

    [Fact]
    public async Task Erasing_removes_every_row_of_the_agreement_only_and_can_run_again()
    {
        var id = AgreementIds.New();
        var other = AgreementIds.New();
        var amounts = Enumerable.Range(0, 120).Select(i => Amount("u1", i + 2, January, new DateOnly(2020, 1, 1).AddDays(i * 7), new DateOnly(2020, 1, 1).AddDays((i * 7) + 6), i)).ToList();
        await Rows.SaveAsync(id, amounts, [Weekly("u1", 300, January, (2026, 53, "DP"), (2027, 1, "DP"))], None);
        await Rows.SaveAsync(other, amounts.Take(1).ToList(), [], None);

        await Rows.EraseAsync(id, None);
        await Rows.EraseAsync(id, None);

        Assert.True((await Rows.ReadAsync(id, None)).IsEmpty);
        Assert.Single((await Rows.ReadAsync(other, None)).Amounts);
    }

    [Fact]
    public async Task A_stored_row_holds_neither_the_cpr_nor_the_person_key()
    {
        var id = AgreementIds.New();
        await Rows.SaveAsync(id, [Amount("u1", 2, January, new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31), 1m)], [Weekly("u1", 3, January, (2027, 1, "KH"))], None);

        var table = Get<TableServiceClient>().GetTableClient(Get<IOptions<StorageOptions>>().Value.TableName(StorageNames.RegisterRows));
        var stored = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(row => row.PartitionKey == id))
        {
            stored.Add(string.Join('|', entity.Select(column => $"{column.Key}={column.Value}")));
        }

        Assert.Equal(2, stored.Count); // the amount row and the weekly row's one year
        Assert.All(stored, text =>
        {
            Assert.DoesNotContain(Cpr, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Keys.KeyOf(Cpr).Value, text, StringComparison.Ordinal);
        });
    }
}
