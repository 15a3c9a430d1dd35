using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>"Eskaleringer": the open escalations of the person's municipalities by deadline, the numbers behind each, and a decision form per escalation.</summary>
public sealed record EscalationsPageModel
{
    public required IReadOnlyList<EscalationView> Escalations { get; init; }

    public string? NextPagePath { get; init; }

    public string? FirstPagePath { get; init; }

    /// <summary>The decisions, each with the value the form posts, in the order shown.</summary>
    public required IReadOnlyList<DecisionChoice> Choices { get; init; }

    /// <summary>The longest note the command accepts.</summary>
    public required int NoteMaxLength { get; init; }

    /// <summary>The form that was sent and came back (its values and errors), if any.</summary>
    public ListForm? Form { get; init; }

    /// <summary>Why the decision just sent was not recorded.</summary>
    public ListRefusal? Refusal { get; init; }
}

/// <summary>One open escalation with what a supervisor needs to decide it (no personal data).</summary>
/// <param name="DueDate">The current level's deadline (policy date).</param>
/// <param name="AgeDays">Days since it was raised (policy days).</param>
/// <param name="Numbers">The numbers behind it.</param>
public sealed record EscalationView(
    EscalationRecord Escalation,
    string MunicipalityName,
    DateOnly DueDate,
    bool IsOverdue,
    int AgeDays,
    EscalationNumbers Numbers);

/// <summary>
/// The numbers behind an escalation, by its reason: a milestone's measured values against the pinned policy's
/// thresholds; an overdue move's planned date; a missing measurement's due date; an undecided request's amount.
/// </summary>
public sealed record EscalationNumbers
{
    public static EscalationNumbers None { get; } = new();

    public Milestone? Milestone { get; init; }

    /// <summary>Below threshold: the values and thresholds (null if the values are no longer there).</summary>
    public IndicatorNumbers? Indicators { get; init; }

    /// <summary>Move overdue: the planned move date and how many days it is past.</summary>
    public DateOnly? PlannedMoveDate { get; init; }

    public int? DaysOverdue { get; init; }

    /// <summary>Data missing: when the milestone fell due (policy date).</summary>
    public DateOnly? MilestoneDueDate { get; init; }

    /// <summary>Financing undecided: the amount requested.</summary>
    public decimal? RequestedDkk { get; init; }
}

/// <summary>A milestone's values against the thresholds the pinned policy sets from the baseline.</summary>
public sealed record IndicatorNumbers(
    IndicatorValues Baseline,
    IndicatorValues Measured,
    decimal MinSelfSufficiencyRate,
    decimal MaxResourceDrawDkk,
    IReadOnlyList<Breach> Breaches);
