using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Tests.Tasks;

public sealed class CaseTaskTests
{
    [Fact]
    public void A_task_is_one_per_kind_and_milestone_or_escalation()
    {
        Assert.Equal("ConsentToRecord", CaseTask.IdFor(TaskKind.ConsentToRecord));
        Assert.Equal("MeasurementDataMissing:M12", CaseTask.IdFor(TaskKind.MeasurementDataMissing, Milestone.M12));
        Assert.Equal("EscalationToDecide:fa-0123456789abcdef0123-esc-move", CaseTask.IdFor(TaskKind.EscalationToDecide, escalationId: "fa-0123456789abcdef0123-esc-move"));
        Assert.Throws<ArgumentNullException>(() => CaseTask.IdFor(TaskKind.MeasurementDataMissing));
        Assert.Throws<ArgumentNullException>(() => CaseTask.IdFor(TaskKind.EscalationToDecide, Milestone.M3));
    }

    [Theory]
    [InlineData(TaskKind.ConsentToRecord, Roles.Caseworker)]
    [InlineData(TaskKind.MoveToRecord, Roles.Caseworker)]
    [InlineData(TaskKind.MeasurementDataMissing, Roles.Caseworker)]
    [InlineData(TaskKind.FinancingToDecide, Roles.FinanceApprover)]
    [InlineData(TaskKind.EscalationToDecide, Roles.Supervisor)]
    public void Each_kind_is_one_roles_to_do(TaskKind kind, string role)
    {
        Assert.Equal(role, kind.Role());
    }

    [Fact]
    public void A_users_tasks_are_those_of_their_acting_roles_in_their_municipalities()
    {
        var user = new CurrentUser("id", "Sara", new HashSet<string> { Roles.Supervisor, Roles.Monitoring, Roles.Caseworker }, new HashSet<string> { "0751", "0101" });

        var query = TaskQuery.ForUser(user);

        Assert.Equal([Roles.Caseworker, Roles.Supervisor], query.Roles);
        Assert.Equal(["0101", "0751"], query.MunicipalityCodes);
    }

    [Fact]
    public void The_summary_counts_the_tasks_and_keeps_the_earliest_due()
    {
        var due = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        CaseTask Task(int days) => new()
        {
            AgreementId = "fa-0123456789abcdef0123",
            MunicipalityCode = "0751",
            Kind = TaskKind.ConsentToRecord,
            Role = Roles.Caseworker,
            DueAt = due.AddDays(days),
            DueDate = DateOnly.FromDateTime(due.AddDays(days).UtcDateTime),
            OpenedAt = due,
        };

        Assert.Equal(new TaskSummary(2, due.AddDays(-2)), TaskSummary.Of([Task(4), Task(-2)]));
        Assert.Equal(TaskSummary.None, TaskSummary.Of([]));
        Assert.True(Task(-1).IsOverdue(due));
        Assert.False(Task(0).IsOverdue(due));
    }
}
