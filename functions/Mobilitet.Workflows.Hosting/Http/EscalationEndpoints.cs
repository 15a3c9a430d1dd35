using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Notifications;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>Supervisors' decisions on escalations, from the link in the escalation email.</summary>
public sealed class EscalationEndpoints(
    EscalationCommands commands,
    JsonCommand json,
    IEscalationRepository escalations,
    IOptions<EmailLinkOptions> links)
{
    private readonly DecisionTokens tokens = new(links.Value.SigningKey);

    public Task<IResult> DecideAsync(HttpRequest request, DurableTaskClient client, string escalationId, CancellationToken cancellationToken) =>
        json.RunAllowingAnonymousAsync<EscalationDecisionRequest>(request, (user, body) => commands.DecideAsync(client, user, escalationId, body!, cancellationToken), cancellationToken);

    /// <summary>GET …/decide?token=: the decision page the email links to.</summary>
    public async Task<IResult> DecisionPageAsync(string escalationId, string? token, CancellationToken cancellationToken)
    {
        var escalation = EscalationIds.TryParseAgreementId(escalationId, out _) ? await escalations.FindAsync(escalationId, cancellationToken) : null;
        if (escalation is null)
        {
            return Problems.EscalationNotFound(escalationId);
        }

        return TypedResults.Content(DecisionPage.Render(escalation, token, tokens.Verify(escalationId, token)), "text/html; charset=utf-8");
    }
}
