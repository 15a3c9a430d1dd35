using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;

namespace Mobilitet.Lifecycle.Tests;

public sealed class MoveOverdueTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Fact]
    public async Task A_move_not_recorded_gets_a_reminder_then_escalates_and_the_escalation_closes_when_the_move_is_recorded()
    {
        var id = await host.UpToMoveAsync(plannedMoveDate: AgreementForms.Today);

        // 7 days after the planned date: reminder to the caseworker; 30 days: escalation.
        var escalated = await host.WaitForAsync(id, a => a.Array("escalations").Count > 0, "the move escalation");
        var escalation = Assert.Single(escalated.Array("escalations"));
        Assert.Equal("MoveOverdue", escalation.Text("reason"));
        Assert.Equal("move", escalation.Text("subject"));
        Assert.Contains("MoveReminderSent", escalated.Kinds());
        var reminder = Assert.Single(host.EmailsAbout(id), e => e.Is("MoveReminder"));
        Assert.Equal([AgreementForms.CaseworkerEmail], reminder.To);
        Assert.Contains(AgreementForms.ResidentName, reminder.Text, StringComparison.Ordinal);
        await host.WaitForEmailsAsync(id, e => e.Any(x => x.Is("EscalationRaised") && x.To.Contains(AgreementForms.Supervisor1)), "the level-1 escalation email");

        await host.StepAsync(id, "move", Steps.Move(AgreementForms.Today));

        var monitoring = await host.WaitForAsync(
            id,
            a => a.Text("status") == "Monitoring" && a.Array("escalations")[0].Text("status") == "ClosedBySystem",
            "monitoring with the move escalation closed");
        Assert.Equal(AgreementForms.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), monitoring.Text("movedOn"));

        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }
}
