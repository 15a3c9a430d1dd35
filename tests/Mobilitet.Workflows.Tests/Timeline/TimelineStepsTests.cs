using Mobilitet.Workflows.Tests.Workflow.Fakes;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Tests.Timeline;

public sealed class TimelineStepsTests
{
    private static readonly DateTimeOffset First = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_step_written_again_at_a_later_orchestration_time_is_kept_once()
    {
        var timeline = new InMemoryTimeline();
        await timeline.AppendStepOnceAsync("fa-1", new TimelineEntry(First, TimelineKind.EscalationClosedBySystem, "system", "move:level-2"), CancellationToken.None);

        // The episode ran again after its commit failed: the same step, a later time.
        await timeline.AppendStepOnceAsync("fa-1", new TimelineEntry(First.AddMinutes(2), TimelineKind.EscalationClosedBySystem, "system", "move:level-2"), CancellationToken.None);

        var step = Assert.Single(await timeline.ReadAsync("fa-1", CancellationToken.None));
        Assert.Equal(First, step.At);
    }

    [Fact]
    public async Task Steps_that_differ_in_kind_detail_or_actor_are_all_kept()
    {
        var timeline = new InMemoryTimeline();
        await timeline.AppendStepOnceAsync("fa-1", new TimelineEntry(First, TimelineKind.ConsentReminderSent, "system", "reminder-1"), CancellationToken.None);
        await timeline.AppendStepOnceAsync("fa-1", new TimelineEntry(First.AddDays(7), TimelineKind.ConsentReminderSent, "system", "reminder-2"), CancellationToken.None);
        await timeline.AppendStepOnceAsync("fa-1", new TimelineEntry(First.AddDays(8), TimelineKind.ConsentGiven, "caseworker"), CancellationToken.None);
        await timeline.AppendStepOnceAsync("fa-2", new TimelineEntry(First, TimelineKind.ConsentReminderSent, "system", "reminder-1"), CancellationToken.None);

        Assert.Equal(3, (await timeline.ReadAsync("fa-1", CancellationToken.None)).Count);
        Assert.Single(await timeline.ReadAsync("fa-2", CancellationToken.None));
    }
}
