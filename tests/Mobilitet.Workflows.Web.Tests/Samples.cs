using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Web.Pages;

namespace Mobilitet.Workflows.Web.Tests;

internal static class Samples
{
    public static EscalationRecord Escalation(EscalationStatus status = EscalationStatus.Open, string subject = "financing", EscalationDecision? decision = null) => new()
    {
        EscalationId = "fa-0123456789abcdefghij-esc-" + subject,
        AgreementId = "fa-0123456789abcdefghij",
        Reason = EscalationReason.FinancingDecisionOverdue,
        Subject = subject,
        Level = 1,
        Status = status,
        RaisedAt = new DateTimeOffset(2027, 3, 1, 13, 5, 0, TimeSpan.Zero),
        LevelDeadline = new DateTimeOffset(2027, 3, 8, 13, 5, 0, TimeSpan.Zero),
        Decision = decision,
    };

    public static IReadOnlyList<DecisionChoice> Choices { get; } =
    [
        new("acknowledged", EscalationDecision.Acknowledged),
        new("follow-up", EscalationDecision.FollowUp),
        new("extend-monitoring", EscalationDecision.ExtendMonitoring),
        new("close", EscalationDecision.Close),
    ];

    public static DecisionPageModel DecisionForm(EscalationRecord? escalation = null) => new()
    {
        Escalation = escalation ?? Escalation(),
        State = DecisionPageState.Form,
        Token = "1.signed-token",
        Choices = Choices,
        NoteMaxLength = 2000,
    };

    public static CurrentUser User(bool development = false, params string[] roles) =>
        new("oid-1", "Søren Sagsbehandler", roles.ToHashSet(), new HashSet<string> { "0751" }, development);
}
