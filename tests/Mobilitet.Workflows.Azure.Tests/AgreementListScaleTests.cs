using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Identity;
using Xunit.Abstractions;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>
/// 10 000 agreements in one municipality: every page of the list is read by key. A pipeline policy on
/// the list's table client counts the requests and rows each page costs; the bound is a multiple of the
/// page size, never the partition. (Counts, not clocks: nothing here measures time.)
/// </summary>
public sealed class AgreementListScaleTests(AzuriteFixture azurite, ITestOutputHelper output) : StorageTestBase(azurite)
{
    private const int Agreements = 10_000;
    private const int PageSize = 50;
    private const string Municipality = "0751";
    private const string Elsewhere = "0101";

    [Fact]
    public async Task Pages_of_a_municipality_with_10_000_agreements_read_a_bounded_number_of_rows()
    {
        var data = Generate();
        await ((TableAgreementRepository)Get<IAgreementRepository>()).ImportAsync(data, None);

        var counter = new TableReadCounter();
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var list = new TableAgreementList(
            new TableServiceClient(Azurite.ConnectionString, clientOptions),
            Get<IOptions<StorageOptions>>(),
            TimeProvider.System,
            NullLogger<TableAgreementList>.Instance);

        var inMunicipality = new HashSet<string> { Municipality };
        var caseworker = data[17].CaseworkerId!;
        var cases = new (string Name, AgreementQuery Query, int MaxRows)[]
        {
            ("first page", new() { MunicipalityCodes = inMunicipality }, 3 * PageSize),
            ("status = Monitoring", new() { MunicipalityCodes = inMunicipality, Status = AgreementStatus.Monitoring }, 3 * PageSize),
            ("housing area", new() { MunicipalityCodes = inMunicipality, HousingArea = "gellerupparken 7" }, 3 * PageSize),
            ("search text (area)", new() { MunicipalityCodes = inMunicipality, Search = "Gellerupparken 7" }, 3 * PageSize),
            ("caseworker", new() { MunicipalityCodes = inMunicipality, CaseworkerId = caseworker }, 3 * PageSize),
            ("needs action", new() { MunicipalityCodes = inMunicipality, NeedsAction = true }, 3 * PageSize),
            ("all municipalities (monitoring)", AgreementQuery.ForUser(Samples.User(Roles.Monitoring)), 3 * PageSize),
            ("status + needs action", new() { MunicipalityCodes = inMunicipality, Status = AgreementStatus.Monitoring, NeedsAction = true }, (TableAgreementList.ScanBudgetPerRow + 1) * PageSize + 1),
            ("area + status + caseworker", new() { MunicipalityCodes = inMunicipality, HousingArea = "Gellerupparken 7", Status = AgreementStatus.AwaitingMove, CaseworkerId = caseworker }, (TableAgreementList.ScanBudgetPerRow + 1) * PageSize + 1),
        };

        foreach (var (name, query, maxRows) in cases)
        {
            var expected = Sorted(data.Where(query.Matches)).ToList();

            counter.Reset();
            var first = await list.QueryAsync(query, null, PageSize, None);
            Report(name + ", page 1", counter, first.Agreements.Count);
            Assert.True(counter.RowsRead <= maxRows, $"{name}: page 1 read {counter.RowsRead} rows (at most {maxRows})");

            // Complete pages where the filters give them; a rare combination may give short pages, never wrong ones.
            Assert.Equal(expected.Take(first.Agreements.Count).Select(a => a.AgreementId), first.Agreements.Select(a => a.AgreementId));
            if (first.ContinuationToken is null)
            {
                Assert.Equal(expected.Count, first.Agreements.Count);
                continue;
            }

            counter.Reset();
            var second = await list.QueryAsync(query, first.ContinuationToken, PageSize, None);
            Report(name + ", page 2", counter, second.Agreements.Count);
            Assert.True(counter.RowsRead <= maxRows, $"{name}: page 2 read {counter.RowsRead} rows (at most {maxRows})");
            Assert.Equal(
                expected.Skip(first.Agreements.Count).Take(second.Agreements.Count).Select(a => a.AgreementId),
                second.Agreements.Select(a => a.AgreementId));
        }

        Assert.Equal(PageSize, (await list.QueryAsync(cases[0].Query, null, PageSize, None)).Agreements.Count);

        var wanted = data[4321];
        counter.Reset();
        var byId = await list.QueryAsync(new AgreementQuery { MunicipalityCodes = inMunicipality, Search = wanted.AgreementId }, null, PageSize, None);
        Report("search by agreement id", counter, byId.Agreements.Count);
        Assert.Equal([wanted.AgreementId], byId.Agreements.Select(a => a.AgreementId));
        Assert.True(counter.RowsRead <= 2);
    }

    private void Report(string what, TableReadCounter counter, int rows) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {rows} agreements, {counter.Requests} requests, {counter.RowsRead} rows read"));

    private static IEnumerable<AgreementRecord> Sorted(IEnumerable<AgreementRecord> agreements) =>
        agreements.OrderBy(a => a.NextDueAt?.UtcTicks ?? long.MaxValue).ThenBy(a => a.AgreementId, StringComparer.Ordinal);

    /// <summary>A municipality's worth of agreements in every state (and a few elsewhere), from a fixed seed.</summary>
    private static List<AgreementRecord> Generate()
    {
        var random = new Random(20_751);
        var caseworkers = Enumerable.Range(0, 100).Select(i => $"00000000-0000-0000-0000-{i:D12}").ToArray();
        var statuses = new[]
        {
            AgreementStatus.AwaitingConsent, AgreementStatus.AwaitingFinancing, AgreementStatus.AwaitingMove, AgreementStatus.AwaitingMove,
            AgreementStatus.Monitoring, AgreementStatus.Monitoring, AgreementStatus.Monitoring, AgreementStatus.Monitoring,
            AgreementStatus.Completed, AgreementStatus.Cancelled,
        };
        var start = DateOnly.FromDateTime(Samples.Created.UtcDateTime);
        return Enumerable.Range(0, Agreements + 200).Select(i =>
        {
            var status = statuses[random.Next(statuses.Length)];
            var hasTasks = !status.IsFinal() && random.Next(100) < 30;
            return Samples.BareAgreement(i < Agreements ? Municipality : Elsewhere) with
            {
                Status = status,
                DayLength = TimeSpan.FromDays(1),
                FromArea = $"Gellerupparken {random.Next(20)}",
                CaseworkerId = caseworkers[random.Next(caseworkers.Length)],
                PlannedMoveDate = start.AddDays(random.Next(0, 200)),
                NextMilestoneAt = status == AgreementStatus.Monitoring ? Samples.Created.AddDays(random.Next(0, 1000)).AddMinutes(random.Next(1440)) : null,
                OpenTaskCount = hasTasks ? random.Next(1, 3) : 0,
                EarliestTaskDueAt = hasTasks ? Samples.Created.AddDays(random.Next(-60, 60)).AddMinutes(random.Next(1440)) : null,
            };
        }).ToList();
    }
}
