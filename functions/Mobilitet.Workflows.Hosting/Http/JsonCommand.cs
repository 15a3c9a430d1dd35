using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Commands;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// The shared shape of every JSON route that changes something: 415 unless the body is JSON, 400 for
/// a body that cannot be read, then the command, whose result becomes the answer.
/// </summary>
public static class JsonCommand
{
    /// <param name="bodyRequired">False for routes whose body is optional: the command then gets null when none is sent.</param>
    public static async Task<IResult> RunAsync<TBody>(
        HttpRequest request,
        Func<TBody?, Task<CommandResult>> command,
        CancellationToken cancellationToken,
        bool bodyRequired = true)
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(command);
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
