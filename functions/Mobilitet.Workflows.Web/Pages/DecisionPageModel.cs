using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>What the decision page shows: the escalation, what the supervisor can do, and the form's state.</summary>
public sealed record DecisionPageModel
{
    public required EscalationRecord Escalation { get; init; }

    public required DecisionPageState State { get; init; }

    /// <summary>The decision that stands (closed page), also before the read model shows it.</summary>
    public EscalationDecision? Decided { get; init; }

    /// <summary>The signed token from the email link; the form sends it back.</summary>
    public string? Token { get; init; }

    /// <summary>The choices, each with the value the form posts (the API's spelling), in the order shown.</summary>
    public IReadOnlyList<DecisionChoice> Choices { get; init; } = [];

    /// <summary>The choice the form sent (when it comes back with errors).</summary>
    public string? ChosenDecision { get; init; }

    public string? Note { get; init; }

    /// <summary>The longest note the command accepts (shown as the field's character limit).</summary>
    public required int NoteMaxLength { get; init; }

    public FieldErrors Errors { get; init; } = FieldErrors.None;

    /// <summary>Why the decision just sent was not recorded, if it was not.</summary>
    public DecisionRefusal? Refusal { get; init; }
}

/// <summary>Why a decision was not recorded: what kind of refusal, and the command's own (Danish) explanation.</summary>
public sealed record DecisionRefusal(DecisionRefusalKind Kind, string Detail);

public enum DecisionRefusalKind
{
    /// <summary>Another decision stands, or the escalation was closed meanwhile.</summary>
    Conflict,

    /// <summary>A decision needs the link from the email.</summary>
    Forbidden,

    /// <summary>The workflow engine or storage cannot be reached now; trying again may work.</summary>
    Unavailable,
}

/// <summary>One decision the form offers: the value posted and the decision it means.</summary>
public sealed record DecisionChoice(string Value, EscalationDecision Decision);

public enum DecisionPageState
{
    /// <summary>Open and the link is valid: the form.</summary>
    Form,

    /// <summary>The link's token is forged, damaged or made for another escalation: no form.</summary>
    InvalidLink,

    /// <summary>The link is genuine but past its level's deadline and the policy's grace period: no form.</summary>
    ExpiredLink,

    /// <summary>A decision was made with this link already (it works once): no form.</summary>
    UsedLink,

    /// <summary>The person signed in to the web UI is not the one the link was emailed to: no form.</summary>
    OtherRecipientLink,

    /// <summary>Decided or otherwise closed: what was decided, no form.</summary>
    Closed,
}
