using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Workflow;

/// <param name="Subject">What the escalation is about: "financing", "move", "M12", "M12-data".</param>
/// <param name="Levels">How many supervisors the ladder has (the agreement's list, level 1 first).</param>
/// <param name="Clock">The agreement's policy clock (day length, and policy dates for emails).</param>
/// <param name="Decisions">What a decision sets in motion (the agreement's policy; null: <see cref="DecisionRules.Default"/>). Read from 1.4.</param>
/// <param name="ExtensionMonths">For an escalation about an extra measurement: its months after the milestone; null otherwise.</param>
public sealed record EscalationInput(
    string EscalationId,
    string AgreementId,
    EscalationReason Reason,
    string Subject,
    Milestone? Milestone,
    int Levels,
    int DaysPerLevel,
    PolicyClock Clock,
    DecisionRules? Decisions = null,
    int? ExtensionMonths = null);
