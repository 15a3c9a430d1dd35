namespace Mobilitet.Workflows.Decisions;

/// <summary>
/// A person's decision on one step of an agreement: consent, financing, the move, or an escalation.
/// The first decision recorded for a subject stands (<see cref="IDecisionLog.ClaimAsync"/>); later ones
/// are told what it was. Fields carry codes, amounts and dates only — never free text that may name
/// people (an escalation note is kept in the personal-data vault).
/// </summary>
public sealed record Decision
{
    public required string AgreementId { get; init; }

    /// <summary>What was decided: <see cref="DecisionSubjects.Consent"/>, financing, move, or an escalation id.</summary>
    public required string Subject { get; init; }

    /// <summary>The decision in the API's own spelling, e.g. decision=approved, approvedDkk=20000.</summary>
    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    /// <summary>The deciding role (never a person's name).</summary>
    public required string Actor { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>True once the decision has been handed to the workflow.</summary>
    public bool Delivered { get; init; }

    /// <summary>Same subject and content: a repeat of this decision (whoever repeats it), not a conflicting one.</summary>
    public bool SameAs(Decision other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return AgreementId == other.AgreementId
            && Subject == other.Subject
            && Fields.Count == other.Fields.Count
            && Fields.All(field => other.Fields.TryGetValue(field.Key, out var value) && value == field.Value);
    }
}
