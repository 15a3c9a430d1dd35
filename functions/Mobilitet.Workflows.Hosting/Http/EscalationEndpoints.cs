using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Http.Responses;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// Supervisors' decisions on escalations, from the link in the escalation email. A decision is
/// accepted while the escalation is open — also after the last level's deadline (Unresolved).
/// </summary>
public sealed partial class EscalationEndpoints(
    IEscalationRepository escalations,
    IOptions<EmailLinkOptions> links,
    ILogger<EscalationEndpoints> logger)
{
    private readonly DecisionTokens tokens = new(links.Value.SigningKey);

    public async Task<IResult> DecideAsync(HttpRequest request, DurableTaskClient client, string escalationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var escalation = await FindAsync(escalationId, cancellationToken);
        if (escalation is null)
        {
            return Problems.EscalationNotFound(escalationId);
        }

        var (body, errors) = await JsonBody.ReadAsync<EscalationDecisionRequest>(request, cancellationToken);
        if (body is null)
        {
            return Problems.Validation(errors);
        }

        var decision = errors.Choice("decision", body.Decision, RequestValidation.EscalationDecisions);
        var note = errors.OptionalText("note", body.Note, 2000);
        var level = string.IsNullOrEmpty(body.Token) ? null : tokens.Verify(escalationId, body.Token);
        if (!string.IsNullOrEmpty(body.Token) && level is null)
        {
            errors.Add("token", Messages.InvalidToken);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        if (level is null && links.Value.RequireToken)
        {
            return Problems.Forbidden("En beslutning kræver linket fra eskaleringsmailen.");
        }

        if (escalation.Status is not (EscalationStatus.Open or EscalationStatus.Unresolved))
        {
            return Problems.Conflict($"Eskaleringen er allerede afsluttet ({escalation.Status}).");
        }

        var actor = level is { } fromLink ? EscalationLadder.RoleAt(fromLink) : Workflow.Actors.Supervisor;
        await escalations.SaveNoteAsync(escalationId, note, cancellationToken);
        await client.RaiseEventAsync(escalationId, WorkflowEvents.NameOf<EscalationDecided>(), new EscalationDecided(decision!.Value, actor), cancellationToken);
        LogDecided(escalationId, decision.Value, actor);
        return TypedResults.Accepted(Routes.ApiRoutes.AgreementPath(escalation.AgreementId), escalation.ToDetails());
    }

    /// <summary>GET …/decide?token=: the decision page the email links to.</summary>
    public async Task<IResult> DecisionPageAsync(string escalationId, string? token, CancellationToken cancellationToken)
    {
        var escalation = await FindAsync(escalationId, cancellationToken);
        if (escalation is null)
        {
            return Problems.EscalationNotFound(escalationId);
        }

        return TypedResults.Content(DecisionPage.Render(escalation, token, tokens.Verify(escalationId, token)), "text/html; charset=utf-8");
    }

    // A malformed id is not looked up: it cannot name an escalation.
    private async Task<EscalationRecord?> FindAsync(string escalationId, CancellationToken cancellationToken) =>
        EscalationIds.TryParseAgreementId(escalationId, out _) ? await escalations.FindAsync(escalationId, cancellationToken) : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {EscalationId} decided: {Decision} by {Actor}")]
    private partial void LogDecided(string escalationId, EscalationDecision decision, string actor);
}
