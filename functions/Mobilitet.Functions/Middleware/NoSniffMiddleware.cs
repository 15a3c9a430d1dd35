using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Net.Http.Headers;

namespace Mobilitet.Functions.Middleware;

/// <summary>
/// Sets <c>X-Content-Type-Options: nosniff</c> on every HTTP response, so a browser never runs a
/// JSON or text answer as something else. Other triggers (timers, orchestrations, activities) have
/// no HTTP context and pass through.
/// </summary>
public sealed class NoSniffMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);

        // Before the function runs: its result is written straight to this response.
        if (context.GetHttpContext() is { } http)
        {
            http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        }

        return next(context);
    }
}
