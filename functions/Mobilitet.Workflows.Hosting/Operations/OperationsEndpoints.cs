using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Hosting.Operations;

/// <summary>
/// The operator tools' JSON API, administrators only (403 problem details for anyone else): GET the agreements that need
/// an operator; POST retry, restart or terminate one, each with a reason (<see cref="OperationsCommands"/>).
/// </summary>
public sealed class OperationsEndpoints(CurrentUserReader users, JsonCommand json, OperationsQuery query, OperationsCommands commands)
{
    public async Task<IResult> ListAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (users.Read(request.HttpContext) is not { } user)
        {
            return Problems.Unauthorized();
        }

        return user.IsIn(Roles.Administrator)
            ? TypedResults.Ok(await query.ListAsync(client, cancellationToken))
            : Problems.Forbidden(OperationsCommands.NotAnAdministrator);
    }

    public Task<IResult> RetryAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<OperatorRequest>(request, (user, body) => commands.RetryAsync(client, user, id, body, cancellationToken), cancellationToken);

    public Task<IResult> RestartAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<OperatorRequest>(request, (user, body) => commands.RestartAsync(client, user, id, body, cancellationToken), cancellationToken);

    public Task<IResult> TerminateAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<OperatorRequest>(request, (user, body) => commands.TerminateAsync(client, user, id, body, cancellationToken), cancellationToken);
}
