using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Commands;

/// <summary>
/// What a command did. The JSON API turns it into a status code and a body (problem details for the
/// refusals); a page can turn it into a redirect or a form with its errors. Refusals changed nothing.
/// </summary>
public abstract record CommandResult
{
    private CommandResult()
    {
    }

    /// <summary>A new agreement was stored and its workflow started.</summary>
    public sealed record Created(AgreementRecord Agreement) : CommandResult;

    /// <summary>The step was handed to the agreement's workflow (or had been: a repeat).</summary>
    public sealed record Accepted(AgreementRecord Agreement) : CommandResult;

    /// <summary>The decision was handed to the escalation's workflow (or had been: a repeat).</summary>
    public sealed record EscalationAccepted(EscalationRecord Escalation) : CommandResult;

    /// <summary>The input is not valid; per-field Danish messages.</summary>
    public sealed record Invalid(ValidationErrors Errors) : CommandResult;

    public sealed record AgreementNotFound(string AgreementId) : CommandResult;

    public sealed record EscalationNotFound(string EscalationId) : CommandResult;

    /// <summary>The step does not fit the current state; <paramref name="Decided"/> is the decision that stands, if that is why.</summary>
    public sealed record Conflict(string Detail, Decision? Decided = null) : CommandResult;

    /// <summary>Nobody is signed in (and the step needs someone).</summary>
    public sealed record Unauthorized : CommandResult;

    /// <summary>The signed-in person may not do this (role or municipality); nothing was read or changed.</summary>
    public sealed record Forbidden(string Detail) : CommandResult;

    /// <summary>The decision link does not let its holder decide (forged, expired, used, someone else's); nothing was changed.</summary>
    public sealed record LinkRefused(Workflows.DecisionLinks.DecisionLinkProblem Problem) : CommandResult;

    /// <summary>The engine or storage cannot be reached now; trying again later may work.</summary>
    public sealed record Unavailable(string Detail) : CommandResult;
}
