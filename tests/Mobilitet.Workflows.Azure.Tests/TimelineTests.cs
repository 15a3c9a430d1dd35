using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class TimelineTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private ITimeline Timeline => Get<ITimeline>();

    [Fact]
    public async Task Appending_the_same_entry_twice_keeps_one()
    {
        var id = AgreementIds.New();
        var entry = new TimelineEntry(Samples.Created, TimelineKind.ConsentGiven, "caseworker", "m12:level-1");

        await Timeline.AppendAsync(id, entry, None);
        await Timeline.AppendAsync(id, entry, None);

        Assert.Equal([entry], await Timeline.ReadAsync(id, None));
    }

    [Fact]
    public async Task Entries_come_back_in_time_order_whatever_order_they_were_written_in()
    {
        var id = AgreementIds.New();
        var start = Samples.Created;
        var created = new TimelineEntry(start, TimelineKind.AgreementCreated, "caseworker");
        // Written with another offset: ordering must use the instant, not the local clock time.
        var reminder = new TimelineEntry(start.AddDays(3).ToOffset(TimeSpan.FromHours(-10)), TimelineKind.ConsentReminderSent, "system", "reminder-1");
        var consent = new TimelineEntry(start.AddDays(3).AddTicks(1), TimelineKind.ConsentGiven, "caseworker");
        var measured = new TimelineEntry(start.AddYears(3), TimelineKind.MilestoneMeasured, "system", "M36:OnTrack");

        foreach (var entry in new[] { measured, consent, created, reminder })
        {
            await Timeline.AppendAsync(id, entry, None);
        }

        Assert.Equal([created, reminder, consent, measured], await Timeline.ReadAsync(id, None));
    }

    [Fact]
    public async Task Entries_at_the_same_time_with_different_kind_or_detail_are_all_kept()
    {
        var id = AgreementIds.New();
        var at = Samples.Created.AddDays(30);
        TimelineEntry[] entries =
        [
            new(at, TimelineKind.EscalationRaised, "system", "m12:level-1"),
            new(at, TimelineKind.EscalationLevelNotified, "system", "m12:level-1"),
            new(at, TimelineKind.EscalationLevelNotified, "system", "m12:level-2"),
            new(at, TimelineKind.EscalationLevelNotified, "system"),
        ];

        foreach (var entry in entries)
        {
            await Timeline.AppendAsync(id, entry, None);
        }

        var read = await Timeline.ReadAsync(id, None);
        Assert.Equal(entries.Length, read.Count);
        Assert.Equal(entries.ToHashSet(), read.ToHashSet());
    }

    [Fact]
    public async Task Details_with_characters_keys_cannot_hold_round_trip_and_stay_distinct()
    {
        var id = AgreementIds.New();
        var at = Samples.Created;
        string[] details = ["a/b", "a_b", "a~2Fb", "a\\b#c?d", "tab\there", "æøå ÆØÅ", "emoji 🚚", new string('x', 1000), new string('x', 999) + "y"];

        foreach (var detail in details)
        {
            await Timeline.AppendAsync(id, new TimelineEntry(at, TimelineKind.MoveRecorded, "caseworker", detail), None);
        }

        var read = await Timeline.ReadAsync(id, None);
        Assert.Equal(details.Order(StringComparer.Ordinal), read.Select(e => e.Detail!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Each_agreement_reads_only_its_own_timeline()
    {
        var first = AgreementIds.New();
        var second = AgreementIds.New();
        var entry = new TimelineEntry(Samples.Created, TimelineKind.AgreementCreated, "caseworker");
        await Timeline.AppendAsync(first, entry, None);

        Assert.Empty(await Timeline.ReadAsync(second, None));
        Assert.Single(await Timeline.ReadAsync(first, None));
    }
}
