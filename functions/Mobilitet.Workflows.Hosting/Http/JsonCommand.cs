using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// The shared shape of every JSON route that changes something: 401 unless someone is signed in (where
/// the route needs it), 415 unless the body is JSON, 400 for a body that cannot be read, then the
/// command, whose result becomes the answer.
/// </summary>
public sealed class JsonCommand(CurrentUserReader users)
{
    /// <param name="bodyRequired">False for routes whose body is optional: the command then gets null when none is sent.</param>
    public Task<IResult> RunAsync<TBody>(
        HttpRequest request,
        Func<CurrentUser, TBody?, Task<CommandResult>> command,
        CancellationToken cancellationToken,
        bool bodyRequired = true)
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(command);
        return users.Read(request.HttpContext) is { } user
            ? ReadAndRunAsync<TBody>(request, body => command(user, body), bodyRequired, cancellationToken)
            : Task.FromResult(Problems.Unauthorized());
    }

    /// <summary>For a route that also takes requests from nobody in particular (an emailed link's token decides).</summary>
    public Task<IResult> RunAllowingAnonymousAsync<TBody>(HttpRequest request, Func<CurrentUser?, TBody?, Task<CommandResult>> command, CancellationToken cancellationToken)
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(command);
        var user = users.Read(request.HttpContext);
        return ReadAndRunAsync<TBody>(request, body => command(user, body), bodyRequired: true, cancellationToken);
    }

    private static async Task<IResult> ReadAndRunAsync<TBody>(HttpRequest request, Func<TBody?, Task<CommandResult>> command, bool bodyRequired, CancellationToken cancellationToken)
        where TBody : class
    {
        if (!bodyRequired && !JsonBody.HasBody(request))
        {
            return (await command(null)).ToHttpResult();
        }

        if (!JsonBody.HasJsonContentType(request))
        {
            return Problems.UnsupportedMediaType();
        }

        var (body, errors) = await JsonBody.ReadAsync<TBody>(request, cancellationToken);
        return body is null ? Problems.Validation(errors) : (await command(body)).ToHttpResult();
    }
}
