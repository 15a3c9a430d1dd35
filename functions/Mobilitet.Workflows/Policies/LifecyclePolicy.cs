using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Policies;

/// <summary>
/// A named, versioned set of durations and thresholds. Each agreement pins the policy name it was
/// created under; a published policy is never edited, a change is a new name (standard-v2, ...).
/// Durations are in policy days; <see cref="PolicyClock"/> turns them into real time.
/// </summary>
public sealed record LifecyclePolicy(
    string Name,
    ConsentRules Consent,
    FinancingRules Financing,
    MoveRules Move,
    IReadOnlyList<MilestoneRule> Milestones,
    MissingDataRules MissingData,
    EscalationRules Escalation,
    DateRules Dates)
{
    /// <summary>The resident's well-being check-in at each milestone (from standard-v2); null: no check-in.</summary>
    public WellBeingRules? WellBeing { get; init; }

    /// <summary>What a supervisor's decision sets in motion (read by workflow 1.4 on); see <see cref="DecisionRules.Default"/>.</summary>
    public DecisionRules Decisions { get; init; } = DecisionRules.Default;

    public MilestoneRule RuleFor(Milestone milestone) =>
        Milestones.FirstOrDefault(rule => rule.Milestone == milestone)
        ?? throw new InvalidOperationException($"Policy {Name} has no rule for {milestone}.");
}

/// <summary>
/// Well-being check-in: the resident is asked <paramref name="AnswerWindowDays"/> before each milestone falls due and may
/// answer until it does; a score (1–5) below <paramref name="MinimumScore"/> is a breach. No answer is missing, never low.
/// </summary>
public sealed record WellBeingRules(int MinimumScore, int AnswerWindowDays);

/// <summary>Consent: first reminder after <paramref name="FirstReminderAfterDays"/>, then every <paramref name="ReminderEveryDays"/>; expiry after <paramref name="ExpiresAfterDays"/>.</summary>
public sealed record ConsentRules(int FirstReminderAfterDays, int ReminderEveryDays, int ExpiresAfterDays);

/// <summary>
/// A request the financing instrument does not approve by itself (its limits: <see cref="Financing.FinancingInstrument"/>)
/// is decided by a finance approver within <paramref name="DecisionDays"/> before it escalates.
/// </summary>
public sealed record FinancingRules(int DecisionDays);

/// <summary>Move: reminder this many days after the planned date without a recorded move; escalation when this many days overdue.</summary>
public sealed record MoveRules(int ReminderDaysAfterPlannedDate, int EscalationDaysOverdue);

/// <summary>
/// The thresholds at one milestone, relative to the agreement's baseline:
/// self-sufficiency rate ≥ clamp(baseline + <paramref name="MinSelfSufficiencyChange"/>, 0, 1) and
/// resource draw ≤ baseline × <paramref name="MaxResourceDrawFactor"/>. A value exactly on a threshold passes.
/// </summary>
public sealed record MilestoneRule(Milestone Milestone, decimal MinSelfSufficiencyChange, decimal MaxResourceDrawFactor);

/// <summary>Missing data at a milestone's due date: a reminder at once, escalation after <paramref name="EscalateAfterDays"/>.</summary>
public sealed record MissingDataRules(int EscalateAfterDays);

/// <summary>
/// What an escalation decision sets in motion: a follow-up task for the caseworker is due <paramref name="FollowUpDays"/>
/// policy days after the decision (past it, the agreement escalates again); an extended monitoring measures the
/// escalated milestone's indicators once more, <paramref name="ExtensionMonths"/> months after the milestone (or after
/// the extra measurement that escalated).
/// </summary>
public sealed record DecisionRules(int FollowUpDays, int ExtensionMonths)
{
    /// <summary>
    /// Two weeks for a follow-up; six months for an extension, the default. Every published policy has these:
    /// they are read only by workflows of version 1.4 on (<c>WorkflowVersions.ActedDecisions</c>), which only new
    /// agreements run, and no agreement of an earlier version acts on a decision, so adding them to standard-v1 and -v2
    /// changes nothing an agreement already running does. A different value is a new policy version.
    /// </summary>
    public static DecisionRules Default { get; } = new(FollowUpDays: 14, ExtensionMonths: 6);
}

/// <summary>Each escalation level has <paramref name="DaysPerLevel"/> to decide before the next level is notified.</summary>
public sealed record EscalationRules(int DaysPerLevel)
{
    /// <summary>
    /// How many days after its level's deadline a supervisor's decision link still works (the escalation may have
    /// moved on; a decision is still welcome). After that the web UI is the way in.
    /// </summary>
    public int LinkGraceDays { get; init; } = 3;
}

/// <summary>
/// The window dates given by people must fall in, so every date the workflow computes from them (reminders,
/// milestones) stays a sane calendar date: a planned move at most <paramref name="PlannedMoveMaxDaysAhead"/>
/// days after the agreement is created. (A recorded move lies between the agreement's creation and today.)
/// </summary>
public sealed record DateRules(int PlannedMoveMaxDaysAhead);
