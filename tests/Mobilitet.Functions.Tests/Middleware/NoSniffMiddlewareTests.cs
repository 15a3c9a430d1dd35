using Microsoft.AspNetCore.Http;
using Mobilitet.Functions.Middleware;

namespace Mobilitet.Functions.Tests.Middleware;

public sealed class NoSniffMiddlewareTests
{
    [Fact]
    public async Task An_http_response_says_nosniff_and_the_function_runs()
    {
        var http = new DefaultHttpContext();
        var context = FunctionContexts.For(http);
        var ran = false;

        await new NoSniffMiddleware().Invoke(context, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
        Assert.Equal("nosniff", http.Response.Headers["X-Content-Type-Options"]);
    }

    [Fact]
    public async Task A_trigger_without_http_runs_unchanged()
    {
        var context = FunctionContexts.For(http: null);
        var ran = false;

        await new NoSniffMiddleware().Invoke(context, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
    }
}
