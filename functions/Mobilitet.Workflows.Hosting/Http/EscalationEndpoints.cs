using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Http.Requests;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// Supervisors' decisions on escalations as JSON (the email link's page is <see cref="DecisionPageEndpoints"/>;
/// both call the same command).
/// </summary>
public sealed class EscalationEndpoints(EscalationCommands commands, JsonCommand json)
{
    public Task<IResult> DecideAsync(HttpRequest request, DurableTaskClient client, string escalationId, CancellationToken cancellationToken) =>
        json.RunAllowingAnonymousAsync<EscalationDecisionRequest>(request, (user, body) => commands.DecideAsync(client, user, escalationId, body!, cancellationToken), cancellationToken);
}
