using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Operations;

namespace Mobilitet.Workflows.Tests.Operations;

public sealed class StallRuleTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(10);

    [Fact]
    public void A_task_due_long_ago_with_nothing_on_the_timeline_since_is_a_stall_from_its_due_time()
    {
        var due = new DateTimeOffset(2027, 1, 10, 0, 0, 0, TimeSpan.Zero);
        var agreement = Agreement(AgreementStatus.AwaitingConsent) with { OpenTaskCount = 1, EarliestTaskDueAt = due };

        Assert.Equal(due, StallRule.PassedDue(agreement, lastProgressAt: due.AddDays(-3), now: due.AddDays(2), Margin));
    }

    [Fact]
    public void Progress_after_the_due_time_or_a_due_time_inside_grace_and_margin_is_no_stall()
    {
        var due = new DateTimeOffset(2027, 1, 10, 0, 0, 0, TimeSpan.Zero);
        var agreement = Agreement(AgreementStatus.AwaitingConsent) with { OpenTaskCount = 1, EarliestTaskDueAt = due };

        Assert.Null(StallRule.PassedDue(agreement, lastProgressAt: due.AddMinutes(1), now: due.AddDays(5), Margin));
        Assert.Null(StallRule.PassedDue(agreement, lastProgressAt: due.AddDays(-3), now: due.AddHours(23), Margin)); // a day's grace
    }

    [Fact]
    public void A_planned_move_gets_the_policys_reminder_days_of_grace()
    {
        var agreement = Agreement(AgreementStatus.AwaitingMove);
        var planned = agreement.PlannedMoveAt!.Value;

        Assert.Null(StallRule.PassedDue(agreement, planned.AddDays(-1), planned.AddDays(6), Margin)); // standard-v1 reminds after 7 days
        Assert.Equal(planned, StallRule.PassedDue(agreement, planned.AddDays(-1), planned.AddDays(8), Margin));
    }

    [Theory]
    [InlineData(AgreementStatus.Failed)]
    [InlineData(AgreementStatus.Completed)]
    [InlineData(AgreementStatus.AwaitingFinancing)] // nothing scheduled while financing is assessed
    public void An_ended_or_failed_agreement_or_one_with_nothing_due_is_not_stalled(AgreementStatus status)
    {
        var agreement = Agreement(status);

        Assert.Null(StallRule.PassedDue(agreement, agreement.CreatedAt, agreement.CreatedAt.AddYears(1), Margin));
    }

    private static AgreementRecord Agreement(AgreementStatus status) => ResumePointTests.Agreement(status: status);
}
