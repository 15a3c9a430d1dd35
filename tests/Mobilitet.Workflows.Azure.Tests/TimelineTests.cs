using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class TimelineTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private ITimeline Timeline => Get<ITimeline>();

    private static TimelineEntry Created(DateTimeOffset at) => new(at, TimelineKind.AgreementCreated, "caseworker");

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

    [Fact]
    public async Task A_step_written_again_at_a_later_orchestration_time_is_kept_once_and_costs_one_request_each_time()
    {
        var id = AgreementIds.New();
        var start = Samples.Created;
        var counter = new TableReadCounter();
        var timeline = Counted(counter);
        await timeline.StartAsync(id, Created(start), None);
        var closed = new TimelineEntry(start.AddDays(40), TimelineKind.EscalationClosedBySystem, "system", "move:level-2");

        counter.Reset();
        Assert.True(await timeline.AppendStepOnceAsync(id, closed, None));
        Assert.Equal((1, 0), (counter.Requests, counter.RowsRead)); // one transaction, nothing read first

        // The episode ran again after its commit failed: the same step, a later time; and a retried activity: the same time.
        counter.Reset();
        Assert.False(await timeline.AppendStepOnceAsync(id, closed with { At = closed.At.AddMinutes(2) }, None));
        Assert.False(await timeline.AppendStepOnceAsync(id, closed, None));
        Assert.Equal((2, 0), (counter.Requests, counter.RowsRead));

        Assert.Equal([Created(start), closed], await Timeline.ReadAsync(id, None));
    }

    [Fact]
    public async Task Steps_that_differ_in_kind_detail_or_actor_are_all_kept_and_an_empty_detail_is_not_a_missing_one()
    {
        var id = AgreementIds.New();
        var at = Samples.Created;
        await Timeline.StartAsync(id, Created(at), None);
        TimelineEntry[] steps =
        [
            new(at.AddDays(7), TimelineKind.ConsentReminderSent, "system", "reminder-1"),
            new(at.AddDays(14), TimelineKind.ConsentReminderSent, "system", "reminder-2"),
            new(at.AddDays(15), TimelineKind.ConsentGiven, "caseworker"),
            new(at.AddDays(16), TimelineKind.ConsentGiven, "administrator"),
            new(at.AddDays(17), TimelineKind.ConsentGiven, "caseworker", string.Empty),
            new(at.AddDays(18), TimelineKind.ConsentGiven, "caseworker", "a!b"),
            new(at.AddDays(19), TimelineKind.ConsentGiven, "caseworker", "a"),
            new(at.AddDays(20), TimelineKind.ConsentGiven, "caseworker=b", "a"),
            new(at.AddDays(21), TimelineKind.PersonalDataErased, "system"),
        ];

        foreach (var step in steps)
        {
            Assert.True(await Timeline.AppendStepOnceAsync(id, step, None), step.ToString());
        }

        Assert.Equal([Created(at), .. steps], await Timeline.ReadAsync(id, None));
        Assert.Empty(await Timeline.ReadAsync(AgreementIds.New(), None));
    }

    [Fact]
    public async Task A_timeline_written_before_step_markers_keeps_its_recorded_steps_once_and_then_costs_one_request_per_step()
    {
        // As workflow activities wrote it before this change: entries only, no markers, no steps-marked row.
        var id = AgreementIds.New();
        var start = Samples.Created;
        var given = new TimelineEntry(start.AddDays(3), TimelineKind.ConsentGiven, "caseworker");
        var requested = new TimelineEntry(start.AddDays(3).AddSeconds(1), TimelineKind.FinancingRequested, "system", "NeedsApprover");
        foreach (var entry in new[] { Created(start), given, requested })
        {
            await Timeline.AppendAsync(id, entry, None);
        }

        // The first step after the deploy: an episode re-run with the step it recorded before.
        Assert.False(await Timeline.AppendStepOnceAsync(id, requested with { At = requested.At.AddMinutes(1) }, None));

        var counter = new TableReadCounter();
        var timeline = Counted(counter);
        var approved = new TimelineEntry(start.AddDays(5), TimelineKind.FinancingApproved, "finance-approver");
        Assert.True(await timeline.AppendStepOnceAsync(id, approved, None));
        Assert.False(await timeline.AppendStepOnceAsync(id, given with { At = start.AddDays(6) }, None));
        Assert.Equal((2, 0), (counter.Requests, counter.RowsRead));
        Assert.Equal([Created(start), given, requested, approved], await Timeline.ReadAsync(id, None));
    }

    [Fact]
    public async Task The_same_step_from_several_writers_at_once_is_kept_once_on_a_new_and_on_an_old_timeline()
    {
        var fresh = AgreementIds.New();
        var old = AgreementIds.New();
        await Timeline.StartAsync(fresh, Created(Samples.Created), None);
        await Timeline.AppendAsync(old, Created(Samples.Created), None);
        var moved = new TimelineEntry(Samples.Created.AddDays(30), TimelineKind.MoveRecorded, "caseworker");

        foreach (var id in new[] { fresh, old })
        {
            var written = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Timeline.AppendStepOnceAsync(id, moved with { At = moved.At.AddSeconds(i) }, None)));

            Assert.Equal(1, written.Count(step => step));
            Assert.Single(await Timeline.ReadAsync(id, None), entry => entry.Kind == TimelineKind.MoveRecorded);
        }
    }

    /// <summary>A timeline adapter of its own over this test's tables, counting its requests.</summary>
    private TableTimeline Counted(TableReadCounter counter)
    {
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return new TableTimeline(new TableServiceClient(Azurite.ConnectionString, options), Get<IOptions<StorageOptions>>());
    }
}
