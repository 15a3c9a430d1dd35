using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Http.Requests;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>A caseworker's "follow-up done" as JSON (the task list's button posts the same command: <see cref="Pages.MyTasksPageHandler"/>).</summary>
public sealed class FollowUpEndpoints(FollowUpCommands commands, JsonCommand json)
{
    /// <summary>There is nothing to choose, so a body is not needed; one that is sent must be a JSON object.</summary>
    public Task<IResult> DoneAsync(HttpRequest request, DurableTaskClient client, string agreementId, string escalationId, CancellationToken cancellationToken) =>
        json.RunAsync<FollowUpDoneRequest>(request, (user, _) => commands.DoneAsync(client, user, agreementId, escalationId, cancellationToken), cancellationToken, bodyRequired: false);
}
