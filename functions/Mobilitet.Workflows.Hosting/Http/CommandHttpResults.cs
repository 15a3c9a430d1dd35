using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.DecisionLinks;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Hosting.Http.Responses;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// How the JSON API answers a command: 201/202 with a small body, or problem details. A 202's Location is the agreement's
/// status resource, where a client watches the workflow take the step (the asynchronous request-reply pattern).
/// </summary>
public static class CommandHttpResults
{
    public static IResult ToHttpResult(this CommandResult result) => result switch
    {
        CommandResult.Created created => TypedResults.Created(ApiRoutes.AgreementPath(created.Agreement.AgreementId), Accepted(created.Agreement)),
        CommandResult.Accepted accepted => TypedResults.Accepted(ApiRoutes.AgreementStatusPath(accepted.Agreement.AgreementId), Accepted(accepted.Agreement)),
        CommandResult.EscalationAccepted decided => TypedResults.Accepted(ApiRoutes.AgreementStatusPath(decided.Escalation.AgreementId), decided.Escalation.ToDetails()),
        CommandResult.Invalid invalid => Problems.Validation(invalid.Errors),
        CommandResult.AgreementNotFound missing => Problems.AgreementNotFound(missing.AgreementId),
        CommandResult.EscalationNotFound missing => Problems.EscalationNotFound(missing.EscalationId),
        CommandResult.Conflict conflict => Problems.Conflict(conflict.Detail, conflict.Decided),
        CommandResult.Unauthorized => Problems.Unauthorized(),
        CommandResult.Forbidden forbidden => Problems.Forbidden(forbidden.Detail),
        CommandResult.Unavailable unavailable => Problems.Unavailable(unavailable.Detail),
        CommandResult.LinkRefused refused => LinkRefused(refused.Problem),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Unknown command result."),
    };

    /// <summary>A used link is a conflict, someone else's is forbidden; a forged or expired one is a bad token field.</summary>
    private static IResult LinkRefused(DecisionLinkProblem problem) => problem switch
    {
        DecisionLinkProblem.Used => Problems.Conflict(Messages.UsedToken),
        DecisionLinkProblem.OtherRecipient => Problems.Forbidden(Messages.OtherRecipientToken),
        _ => Problems.Validation(TokenError(problem == DecisionLinkProblem.Expired ? Messages.ExpiredToken : Messages.InvalidToken)),
    };

    private static ValidationErrors TokenError(string message)
    {
        var errors = new ValidationErrors();
        errors.Add(Forms.EscalationDecisionForm.TokenField, message);
        return errors;
    }

    private static AgreementAccepted Accepted(Workflows.Agreements.AgreementRecord agreement) =>
        new(agreement.AgreementId, agreement.Status.ToString());
}
