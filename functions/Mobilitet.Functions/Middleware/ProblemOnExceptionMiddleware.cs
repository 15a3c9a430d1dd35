using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Hosting.Http;

namespace Mobilitet.Functions.Middleware;

/// <summary>
/// An HTTP function that throws answers as the local host's exception handler does (<see cref="Problems.ForException"/>:
/// a Danish problem, 503 with Retry-After when storage did not answer), instead of the Functions host's bare 500.
/// Other triggers rethrow, so the host records and retries them as before.
/// </summary>
public sealed partial class ProblemOnExceptionMiddleware(ILogger<ProblemOnExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            LogUnhandled(exception, context.FunctionDefinition.Name);

            // Written here and no invocation result set: the ASP.NET Core integration then leaves the response as it is.
            await Problems.ForException(exception, http.Request.Method).ExecuteAsync(http);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP function {FunctionName} failed; answered with a problem")]
    private partial void LogUnhandled(Exception exception, string functionName);
}
