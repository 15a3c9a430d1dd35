using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class IndicatorStoreTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private IIndicatorStore Store => Get<IIndicatorStore>();

    private static readonly DateTimeOffset EnteredAt = new(2027, 3, 31, 9, 15, 0, TimeSpan.Zero);

    private static ManualIndicators Entry(IndicatorValues values) => new(values, "caseworker-object-id", EnteredAt);

    [Fact]
    public async Task Saved_values_are_found_per_milestone_exactly_with_who_entered_them_and_when()
    {
        var id = AgreementIds.New();
        var m3 = Entry(new IndicatorValues(0.3333333333333333333333333333m, 123_456.789m, -0.5m));
        var m12 = Entry(new IndicatorValues(1m, 0m, 79_228_162_514_264_337_593_543_950_335m));

        await Store.SaveAsync(id, Milestone.M3, m3, None);
        await Store.SaveAsync(id, Milestone.M12, m12, None);

        Assert.Equal(m3, await Store.FindAsync(id, Milestone.M3, None));
        Assert.Equal(m12, await Store.FindAsync(id, Milestone.M12, None));
        Assert.Null(await Store.FindAsync(id, Milestone.M36, None));
    }

    [Fact]
    public async Task An_entry_without_who_and_when_reads_back_without_them()
    {
        var id = AgreementIds.New();

        await Store.SaveAsync(id, Milestone.M3, new ManualIndicators(new IndicatorValues(0.5m, 1m, 2m), null, null), None);

        Assert.Equal(new ManualIndicators(new IndicatorValues(0.5m, 1m, 2m), null, null), await Store.FindAsync(id, Milestone.M3, None));
    }

    [Fact]
    public async Task Saving_again_replaces_the_values()
    {
        var id = AgreementIds.New();
        await Store.SaveAsync(id, Milestone.M36, Entry(new IndicatorValues(0.1m, 2m, 3m)), None);

        await Store.SaveAsync(id, Milestone.M36, Entry(new IndicatorValues(0.9m, 8m, 7m)), None);

        Assert.Equal(Entry(new IndicatorValues(0.9m, 8m, 7m)), await Store.FindAsync(id, Milestone.M36, None));
    }

    [Fact]
    public async Task Erase_removes_every_milestone_of_the_agreement_only()
    {
        var id = AgreementIds.New();
        var other = AgreementIds.New();
        foreach (var milestone in Milestones.InOrder)
        {
            await Store.SaveAsync(id, milestone, Entry(new IndicatorValues(0.5m, 1m, 2m)), None);
        }

        await Store.SaveAsync(other, Milestone.M3, Entry(new IndicatorValues(0.7m, 1m, 2m)), None);

        await Store.EraseAsync(id, None);
        await Store.EraseAsync(id, None);

        foreach (var milestone in Milestones.InOrder)
        {
            Assert.Null(await Store.FindAsync(id, milestone, None));
        }

        Assert.Equal(Entry(new IndicatorValues(0.7m, 1m, 2m)), await Store.FindAsync(other, Milestone.M3, None));
    }
}
