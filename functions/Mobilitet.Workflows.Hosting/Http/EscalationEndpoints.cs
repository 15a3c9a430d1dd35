using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Http.Requests;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// Supervisors' decisions on escalations as JSON (the email link's page is <see cref="DecisionPageEndpoints"/>;
/// both call the same command).
/// </summary>
public sealed class EscalationEndpoints(EscalationCommands commands)
{
    public Task<IResult> DecideAsync(HttpRequest request, DurableTaskClient client, string escalationId, CancellationToken cancellationToken) =>
        JsonCommand.RunAsync<EscalationDecisionRequest>(request, body => commands.DecideAsync(client, escalationId, body!, cancellationToken), cancellationToken);
}
