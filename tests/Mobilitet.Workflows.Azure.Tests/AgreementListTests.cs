using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class AgreementListTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private readonly MovableClock clock = new();

    private IAgreementRepository Repository => Get<IAgreementRepository>();

    private IAgreementList List => Get<IAgreementList>();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(clock);

    private static string NewMunicipality() => Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An agreement awaiting its move, planned <paramref name="day"/> days after creation (its next due date).</summary>
    private static AgreementRecord Planned(string municipality, int day, string area = "Gellerupparken", string? caseworker = null, AgreementStatus status = AgreementStatus.AwaitingMove) =>
        Samples.BareAgreement(municipality) with
        {
            Status = status,
            FromArea = area,
            CaseworkerId = caseworker,
            PlannedMoveDate = DateOnly.FromDateTime(Samples.Created.UtcDateTime).AddDays(day),
            DayLength = TimeSpan.FromDays(1),
        };

    private async Task<List<AgreementRecord>> AddAllAsync(IEnumerable<AgreementRecord> agreements)
    {
        var added = agreements.ToList();
        foreach (var agreement in added)
        {
            await Repository.AddAsync(agreement, None);
        }

        return added;
    }

    private async Task<List<AgreementRecord>> ReadAllAsync(AgreementQuery query, int pageSize = 3)
    {
        List<AgreementRecord> all = [];
        string? token = null;
        do
        {
            var page = await List.QueryAsync(query, token, pageSize, None);
            Assert.True(page.Agreements.Count <= pageSize);
            all.AddRange(page.Agreements);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return all;
    }

    private static IEnumerable<string> Ids(IEnumerable<AgreementRecord> agreements) => agreements.Select(a => a.AgreementId);

    private static IEnumerable<AgreementRecord> SortedByNextDue(IEnumerable<AgreementRecord> agreements) =>
        agreements.OrderBy(a => a.NextDueAt?.UtcTicks ?? long.MaxValue).ThenBy(a => a.AgreementId, StringComparer.Ordinal);

    [Fact]
    public async Task A_municipalitys_agreements_come_sorted_by_next_due_date_with_ended_ones_last_page_by_page()
    {
        var municipality = NewMunicipality();
        var agreements = await AddAllAsync(
            Enumerable.Range(0, 7).Select(day => Planned(municipality, 20 - (day * 3)))
                .Append(Planned(municipality, 1, status: AgreementStatus.Completed))
                .Append(Planned(municipality, 2, status: AgreementStatus.AwaitingConsent)));
        await AddAllAsync([Planned(NewMunicipality(), 0)]);

        var listed = await ReadAllAsync(new AgreementQuery { MunicipalityCodes = new HashSet<string> { municipality } });

        Assert.Equal(Ids(SortedByNextDue(agreements)), Ids(listed));
        Assert.Null(listed[^1].NextDueAt);
        Assert.Equal(agreements.Single(a => a.AgreementId == listed[0].AgreementId), listed[0]);
    }

    [Fact]
    public async Task Each_filter_alone_finds_exactly_its_agreements_in_order()
    {
        var municipality = NewMunicipality();
        var codes = new HashSet<string> { municipality };
        var agreements = await AddAllAsync(Enumerable.Range(0, 12).Select(i => Planned(
            municipality,
            day: (i * 5) % 12,
            area: i % 3 == 0 ? "Vollsmose" : "  gellerup PARKEN ",
            caseworker: i % 4 == 0 ? "cw-1" : "cw-2",
            status: i % 2 == 0 ? AgreementStatus.AwaitingMove : AgreementStatus.Monitoring) with { OpenTaskCount = i % 5 == 0 ? 1 : 0 }));

        async Task AssertFinds(AgreementQuery query, Func<AgreementRecord, bool> expected)
        {
            var listed = await ReadAllAsync(query);
            Assert.Equal(Ids(SortedByNextDue(agreements.Where(expected))), Ids(listed));
            Assert.NotEmpty(listed);
        }

        await AssertFinds(new() { MunicipalityCodes = codes, Status = AgreementStatus.Monitoring }, a => a.Status == AgreementStatus.Monitoring);
        await AssertFinds(new() { MunicipalityCodes = codes, HousingArea = "Gellerup Parken" }, a => a.FromArea != "Vollsmose");
        await AssertFinds(new() { MunicipalityCodes = codes, Search = "vollsmose" }, a => a.FromArea == "Vollsmose");
        await AssertFinds(new() { MunicipalityCodes = codes, CaseworkerId = "cw-1" }, a => a.CaseworkerId == "cw-1");
        await AssertFinds(new() { MunicipalityCodes = codes, NeedsAction = true }, a => a.NeedsAction);
        await AssertFinds(new() { MunicipalityCodes = codes, NeedsAction = false }, a => !a.NeedsAction);
    }

    [Fact]
    public async Task Combined_filters_read_one_index_and_check_the_rest()
    {
        var municipality = NewMunicipality();
        var codes = new HashSet<string> { municipality };
        var agreements = await AddAllAsync(Enumerable.Range(0, 24).Select(i => Planned(
            municipality,
            day: i,
            area: i % 2 == 0 ? "Vollsmose" : "Gellerupparken",
            caseworker: i % 3 == 0 ? "cw-1" : null,
            status: i % 4 < 2 ? AgreementStatus.AwaitingMove : AgreementStatus.Monitoring) with { OpenTaskCount = i % 5 == 0 ? 1 : 0 }));

        var query = new AgreementQuery { MunicipalityCodes = codes, Status = AgreementStatus.Monitoring, HousingArea = "Vollsmose", CaseworkerId = "cw-1" };
        var rare = new AgreementQuery { MunicipalityCodes = codes, Status = AgreementStatus.AwaitingMove, NeedsAction = true, Search = "Gellerupparken" };

        Assert.Equal(Ids(SortedByNextDue(agreements.Where(query.Matches))), Ids(await ReadAllAsync(query, pageSize: 1)));
        Assert.Equal(Ids(SortedByNextDue(agreements.Where(rare.Matches))), Ids(await ReadAllAsync(rare, pageSize: 1)));
        Assert.Contains(agreements, query.Matches);
        Assert.Contains(agreements, rare.Matches);
        Assert.Empty(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = codes, HousingArea = "Vollsmose", Search = "Gellerupparken" }));
    }

    [Fact]
    public async Task An_agreement_id_is_found_by_a_point_lookup_within_the_callers_municipalities()
    {
        var municipality = NewMunicipality();
        var agreement = (await AddAllAsync([Planned(municipality, 3)]))[0];

        var found = await List.QueryAsync(new AgreementQuery { MunicipalityCodes = new HashSet<string> { municipality }, Search = " " + agreement.AgreementId.ToUpperInvariant() }, null, 10, None);
        var elsewhere = await List.QueryAsync(new AgreementQuery { MunicipalityCodes = new HashSet<string> { NewMunicipality() }, Search = agreement.AgreementId }, null, 10, None);
        var filteredOut = await List.QueryAsync(new AgreementQuery { MunicipalityCodes = null, Status = AgreementStatus.Completed, Search = agreement.AgreementId }, null, 10, None);

        Assert.Equal([agreement], found.Agreements);
        Assert.Null(found.ContinuationToken);
        Assert.Empty(elsewhere.Agreements);
        Assert.Empty(filteredOut.Agreements);
    }

    [Fact]
    public async Task The_monitoring_unit_lists_every_municipality_and_a_caller_serving_none_lists_nothing()
    {
        var (north, south) = (NewMunicipality(), NewMunicipality());
        var caseworker = "cw-" + Guid.NewGuid().ToString("N");
        var agreements = await AddAllAsync([Planned(north, 5, caseworker: caseworker), Planned(south, 1, caseworker: caseworker), Planned(north, 3, caseworker: caseworker)]);

        var everywhere = AgreementQuery.ForUser(Samples.User(Roles.Monitoring)) with { CaseworkerId = caseworker };
        var both = new AgreementQuery { MunicipalityCodes = new HashSet<string> { north, south }, CaseworkerId = caseworker };
        var none = AgreementQuery.ForUser(Samples.User(Roles.Caseworker)) with { CaseworkerId = caseworker };

        Assert.Null(everywhere.MunicipalityCodes);
        Assert.Equal(Ids(SortedByNextDue(agreements)), Ids(await ReadAllAsync(everywhere, pageSize: 2)));
        Assert.Equal(Ids(SortedByNextDue(agreements)), Ids(await ReadAllAsync(both, pageSize: 2)));
        Assert.Empty(await ReadAllAsync(none));
    }

    [Fact]
    public async Task A_change_moves_the_agreement_between_indexes_and_leaves_no_old_rows()
    {
        var municipality = NewMunicipality();
        var codes = new HashSet<string> { municipality };
        var agreement = (await AddAllAsync([Planned(municipality, 3, caseworker: "cw-old")]))[0];

        await Repository.UpdateAsync(agreement.AgreementId, agreement.LastChangedAt.AddHours(1), a => a with { Status = AgreementStatus.Monitoring, CaseworkerId = "cw-new", NextMilestoneAt = Samples.Created.AddDays(90) }, None);
        await Repository.SetTaskSummaryAsync(agreement.AgreementId, _ => Task.FromResult(new TaskSummary(2, Samples.Created.AddDays(10))), None);

        var now = (await Repository.FindAsync(agreement.AgreementId, None))!;
        Assert.Equal(Samples.Created.AddDays(10), now.NextDueAt);
        Assert.True(now.NeedsAction);
        Assert.Empty(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = codes, Status = AgreementStatus.AwaitingMove }));
        Assert.Empty(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = codes, CaseworkerId = "cw-old" }));
        Assert.Equal([now], await ReadAllAsync(new AgreementQuery { MunicipalityCodes = codes, CaseworkerId = "cw-new", NeedsAction = true, Status = AgreementStatus.Monitoring }));
        Assert.Equal(AgreementListKeys.Of(now).ToHashSet(), (await IndexRowsOfAsync(now.AgreementId)).ToHashSet());

        await Repository.SetTaskSummaryAsync(agreement.AgreementId, _ => Task.FromResult(TaskSummary.None), None);
        var done = await Repository.FindAsync(agreement.AgreementId, None);
        Assert.Equal(Samples.Created.AddDays(90), done!.NextDueAt);
        Assert.Empty(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = codes, NeedsAction = true }));
        Assert.Equal(AgreementListKeys.Of(done).ToHashSet(), (await IndexRowsOfAsync(done.AgreementId)).ToHashSet());
    }

    [Fact]
    public async Task A_change_of_status_alone_rewrites_only_the_status_rows()
    {
        var municipality = NewMunicipality();
        var agreement = (await AddAllAsync([Planned(municipality, 3, caseworker: "cw-status-only", status: AgreementStatus.AwaitingConsent)]))[0];
        var before = await IndexRowETagsAsync(agreement.AgreementId);

        // Consent given: the status changes, the next due date (none) does not.
        await Repository.UpdateAsync(agreement.AgreementId, agreement.LastChangedAt.AddHours(1), a => a with { Status = AgreementStatus.AwaitingFinancing }, None);

        var now = (await Repository.FindAsync(agreement.AgreementId, None))!;
        Assert.Equal(agreement.NextDueAt, now.NextDueAt);
        var after = await IndexRowETagsAsync(agreement.AgreementId);
        Assert.Equal(AgreementListKeys.Of(now).ToHashSet(), after.Keys.ToHashSet());
        var kept = after.Keys.Where(before.ContainsKey).ToList();
        Assert.Equal(AgreementListKeys.Of(now).Count - 2, kept.Count);
        Assert.All(kept, key => Assert.Equal(before[key], after[key]));
        Assert.All(after.Keys.Except(kept), key => Assert.Contains(key.RowKey, new[] { "", $"municipality!{municipality}!" }.Select(scope => $"{scope}status!AwaitingFinancing!{AgreementListKeys.SortKey(now.NextDueAt, now.AgreementId)}")));
        Assert.Equal([now], await ReadAllAsync(new AgreementQuery { MunicipalityCodes = new HashSet<string> { municipality }, Status = AgreementStatus.AwaitingFinancing, CaseworkerId = "cw-status-only" }));
        Assert.Empty(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = new HashSet<string> { municipality }, Status = AgreementStatus.AwaitingConsent }));
    }

    [Fact]
    public async Task Index_rows_left_by_a_crash_are_skipped_and_deleted_once_old()
    {
        var municipality = NewMunicipality();
        var codes = new HashSet<string> { municipality };
        var agreement = (await AddAllAsync([Planned(municipality, 3)]))[0];
        var before = AgreementListKeys.Of(agreement);

        // An update that died after writing the new index rows (agreement row not written), and one that
        // died after writing the agreement row (old rows not removed): rows for a state the row does not have.
        var unwritten = agreement with { Status = AgreementStatus.Cancelled, CaseworkerId = "cw-ghost" };
        foreach (var key in AgreementListKeys.Of(unwritten))
        {
            await ListTable.UpsertEntityAsync(new TableEntity(key.PartitionKey, key.RowKey) { ["Municipality"] = municipality });
        }

        await Repository.UpdateAsync(agreement.AgreementId, agreement.LastChangedAt.AddHours(1), a => a with { PlannedMoveDate = a.PlannedMoveDate.AddDays(30) }, None);
        foreach (var key in before)
        {
            await ListTable.UpsertEntityAsync(new TableEntity(key.PartitionKey, key.RowKey) { ["Municipality"] = municipality });
        }

        var current = (await Repository.FindAsync(agreement.AgreementId, None))!;
        Assert.Equal([current], await ReadAllAsync(new AgreementQuery { MunicipalityCodes = codes }));
        Assert.Equal([current], await ReadAllAsync(new AgreementQuery { MunicipalityCodes = codes, Status = AgreementStatus.AwaitingMove }));
        Assert.Empty(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = codes, Status = AgreementStatus.Cancelled }));
        Assert.Empty(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = codes, CaseworkerId = "cw-ghost" }));
        Assert.True((await IndexRowsOfAsync(agreement.AgreementId)).Count > AgreementListKeys.Of(current).Count);

        clock.Offset = TimeSpan.FromMinutes(10);
        foreach (var filter in new AgreementQuery[]
        {
            new() { MunicipalityCodes = codes },
            new() { MunicipalityCodes = null, Status = AgreementStatus.Cancelled },
            new() { MunicipalityCodes = null, Status = AgreementStatus.AwaitingMove },
            new() { MunicipalityCodes = codes, Status = AgreementStatus.Cancelled },
            new() { MunicipalityCodes = codes, Status = AgreementStatus.AwaitingMove },
            new() { MunicipalityCodes = codes, CaseworkerId = "cw-ghost" },
            new() { MunicipalityCodes = codes, HousingArea = "Gellerupparken" },
            new() { MunicipalityCodes = null, CaseworkerId = "cw-ghost" },
            new() { MunicipalityCodes = null, HousingArea = "Gellerupparken" },
            new() { MunicipalityCodes = null },
        })
        {
            await ReadAllAsync(filter);
        }

        // The ended index has its own reader: the retention job's.
        await Repository.ListDueForErasureAsync(AgreementStatus.Cancelled, DateTimeOffset.MaxValue, 100, None);

        var left = await IndexRowsOfAsync(agreement.AgreementId);
        Assert.True(AgreementListKeys.Of(current).ToHashSet().SetEquals(left), "Left: " + string.Join(", ", left.Except(AgreementListKeys.Of(current))));
    }

    [Fact]
    public async Task Concurrent_changes_of_one_agreement_leave_it_listed_once_under_its_final_state()
    {
        var municipality = NewMunicipality();
        var agreement = (await AddAllAsync([Planned(municipality, 3)]))[0];
        var at = agreement.LastChangedAt.AddHours(1);
        var statuses = new[] { AgreementStatus.Monitoring, AgreementStatus.AwaitingMove, AgreementStatus.Failed };

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            if (i % 3 == 2)
            {
                await Repository.SetTaskSummaryAsync(agreement.AgreementId, _ => Task.FromResult(new TaskSummary(i, Samples.Created.AddDays(i))), None);
            }
            else
            {
                await Repository.UpdateAsync(agreement.AgreementId, at, a => a with { Status = statuses[i % statuses.Length], CaseworkerId = $"cw-{i}" }, None);
            }
        })));

        var final = (await Repository.FindAsync(agreement.AgreementId, None))!;
        var indexed = await IndexRowsOfAsync(agreement.AgreementId);
        Assert.Superset(AgreementListKeys.Of(final).ToHashSet(), indexed.ToHashSet());
        foreach (var query in new AgreementQuery[]
        {
            new() { MunicipalityCodes = new HashSet<string> { municipality } },
            new() { MunicipalityCodes = new HashSet<string> { municipality }, Status = final.Status },
            new() { MunicipalityCodes = new HashSet<string> { municipality }, CaseworkerId = final.CaseworkerId },
            new() { MunicipalityCodes = null, CaseworkerId = final.CaseworkerId },
        })
        {
            Assert.Equal([final], await ReadAllAsync(query));
        }
    }

    [Fact]
    public async Task A_row_stored_before_the_list_existed_is_indexed_by_its_next_change()
    {
        var municipality = NewMunicipality();
        var agreement = Planned(municipality, 3);
        await Repository.AddAsync(agreement, None);
        var row = await AgreementsTable.GetEntityAsync<TableEntity>(municipality, agreement.AgreementId);
        row.Value.Remove("ListIndexRows");
        await AgreementsTable.UpdateEntityAsync(row.Value, row.Value.ETag, TableUpdateMode.Replace);
        foreach (var key in AgreementListKeys.Of(agreement))
        {
            await ListTable.DeleteEntityAsync(key.PartitionKey, key.RowKey);
        }

        Assert.Empty(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = new HashSet<string> { municipality } }));

        await Repository.UpdateAsync(agreement.AgreementId, agreement.LastChangedAt, a => a, None);

        Assert.Single(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = new HashSet<string> { municipality } }));
    }

    [Fact]
    public async Task The_migration_indexes_every_agreement_stored_before_the_list_and_only_those()
    {
        var municipality = NewMunicipality();
        var caseworker = "cw-" + Guid.NewGuid().ToString("N");
        var agreements = await AddAllAsync([Planned(municipality, 3), Planned(municipality, 1, caseworker: caseworker), Planned(municipality, 2)]);
        foreach (var agreement in agreements.Take(2))
        {
            var row = (await AgreementsTable.GetEntityAsync<TableEntity>(municipality, agreement.AgreementId)).Value;
            row.Remove("ListIndexRows");
            await AgreementsTable.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
            foreach (var key in AgreementListKeys.Of(agreement))
            {
                await ListTable.DeleteEntityAsync(key.PartitionKey, key.RowKey);
            }
        }

        // Through the maintenance job both hosts run at start.
        Assert.True(await new Mobilitet.Workflows.Hosting.Maintenance.AgreementIndexMigration(Get<IAgreementIndexMigration>()).RunOnceAsync(None) >= 2);
        Assert.Equal(0, await Get<TableAgreementRepository>().ReindexOutdatedAsync(None));

        Assert.Equal(Ids(SortedByNextDue(agreements)), Ids(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = new HashSet<string> { municipality } })));
        Assert.Equal([agreements[1].AgreementId], Ids(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = null, CaseworkerId = caseworker })));
    }

    [Fact]
    public async Task The_migration_moves_agreements_indexed_under_the_earlier_layout_and_removes_their_old_rows()
    {
        var municipality = NewMunicipality();
        var agreement = (await AddAllAsync([Planned(municipality, 2, caseworker: "cw-old")]))[0];

        // The earlier layout: a partition per scope and filter ("{scope}_all", "{scope}_status_..."), RowKey = sort key.
        var sortKey = AgreementListKeys.SortKey(agreement.NextDueAt, agreement.AgreementId);
        List<TableKey> oldKeys = [.. new[] { municipality, AgreementListKeys.AllMunicipalities }
            .SelectMany(scope => new[] { $"{scope}_all", $"{scope}_status_{agreement.Status}", $"{scope}_caseworker_cw-old" })
            .Select(partition => new TableKey(partition, sortKey))];
        List<string[]> listed = [];
        foreach (var key in oldKeys)
        {
            var written = await ListTable.UpsertEntityAsync(new TableEntity(key.PartitionKey, key.RowKey) { ["Municipality"] = municipality });
            listed.Add([key.PartitionKey, key.RowKey, written.Headers.ETag!.Value.ToString()]);
        }

        foreach (var key in AgreementListKeys.Of(agreement))
        {
            await ListTable.DeleteEntityAsync(key.PartitionKey, key.RowKey);
        }

        var row = (await AgreementsTable.GetEntityAsync<TableEntity>(municipality, agreement.AgreementId)).Value;
        row["ListIndexRows"] = System.Text.Json.JsonSerializer.Serialize(listed);
        await AgreementsTable.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        Assert.Empty(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = new HashSet<string> { municipality } }));

        Assert.True(await Get<TableAgreementRepository>().ReindexOutdatedAsync(None) >= 1);

        Assert.Equal([agreement.AgreementId], Ids(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = new HashSet<string> { municipality } })));
        Assert.Equal([agreement.AgreementId], Ids(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = null, CaseworkerId = "cw-old" })));
        Assert.Equal(AgreementListKeys.Of(agreement).ToHashSet(), (await IndexRowsOfAsync(agreement.AgreementId)).ToHashSet());
    }

    [Fact]
    public async Task The_migration_moves_rows_from_a_partition_per_municipality_into_the_one_partition()
    {
        var municipality = NewMunicipality();
        var agreement = (await AddAllAsync([Planned(municipality, 2, caseworker: "cw-partition")]))[0];

        // The layout before: the municipality's scope was a partition of its own with the same RowKeys as the "all" scope's.
        var scopePrefix = $"municipality!{municipality}!";
        var etags = await IndexRowETagsAsync(agreement.AgreementId);
        List<string[]> listed = [];
        foreach (var (key, etag) in etags)
        {
            if (!key.RowKey.StartsWith(scopePrefix, StringComparison.Ordinal))
            {
                listed.Add([key.PartitionKey, key.RowKey, etag]);
                continue;
            }

            var written = await ListTable.UpsertEntityAsync(new TableEntity(municipality, key.RowKey[scopePrefix.Length..]) { ["Municipality"] = municipality });
            listed.Add([municipality, key.RowKey[scopePrefix.Length..], written.Headers.ETag!.Value.ToString()]);
            await ListTable.DeleteEntityAsync(key.PartitionKey, key.RowKey);
        }

        var row = (await AgreementsTable.GetEntityAsync<TableEntity>(municipality, agreement.AgreementId)).Value;
        row["ListIndexRows"] = System.Text.Json.JsonSerializer.Serialize(listed);
        await AgreementsTable.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        Assert.Contains(listed, rowKeys => rowKeys[0] == municipality);
        Assert.Empty(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = new HashSet<string> { municipality } }));

        Assert.True(await Get<TableAgreementRepository>().ReindexOutdatedAsync(None) >= 1);

        Assert.Equal([agreement.AgreementId], Ids(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = new HashSet<string> { municipality } })));
        Assert.Equal([agreement.AgreementId], Ids(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = new HashSet<string> { municipality }, CaseworkerId = "cw-partition" })));
        var rows = await IndexRowsOfAsync(agreement.AgreementId);
        Assert.Equal(AgreementListKeys.Of(agreement).ToHashSet(), rows.ToHashSet());
        Assert.All(rows, key => Assert.Equal(AgreementListKeys.Partition, key.PartitionKey));
    }

    [Fact]
    public async Task Removing_an_agreement_removes_its_index_rows()
    {
        var municipality = NewMunicipality();
        var agreement = (await AddAllAsync([Planned(municipality, 3, caseworker: "cw-1")]))[0];

        await Repository.RemoveAsync(agreement.AgreementId, None);

        Assert.Empty(await IndexRowsOfAsync(agreement.AgreementId));
        Assert.Empty(await ReadAllAsync(new AgreementQuery { MunicipalityCodes = null, CaseworkerId = "cw-1" }));
    }

    [Fact]
    public async Task Bad_paging_input_is_refused()
    {
        var query = new AgreementQuery { MunicipalityCodes = null };

        await Assert.ThrowsAsync<ArgumentException>(() => List.QueryAsync(query, "MXxub3QtYS1rZXk", 10, None));
        await Assert.ThrowsAsync<ArgumentException>(() => List.QueryAsync(query, "not base64!", 10, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => List.QueryAsync(query, null, 0, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => List.QueryAsync(query, null, IAgreementList.MaxPageSize + 1, None));
    }

    private TableClient ListTable =>
        Get<TableServiceClient>().GetTableClient(Get<IOptions<StorageOptions>>().Value.TableName(StorageNames.AgreementList));

    private TableClient AgreementsTable =>
        Get<TableServiceClient>().GetTableClient(Get<IOptions<StorageOptions>>().Value.TableName(StorageNames.Agreements));

    /// <summary>Every index row of the agreement, wherever it is (a scan: for tests only).</summary>
    private async Task<List<TableKey>> IndexRowsOfAsync(string agreementId) => [.. (await IndexRowETagsAsync(agreementId)).Keys];

    private async Task<Dictionary<TableKey, string>> IndexRowETagsAsync(string agreementId)
    {
        Dictionary<TableKey, string> rows = [];
        await foreach (var row in ListTable.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            if (AgreementListKeys.AgreementIdOf(row.RowKey) == agreementId)
            {
                rows[new TableKey(row.PartitionKey, row.RowKey)] = row.ETag.ToString();
            }
        }

        return rows;
    }
}
