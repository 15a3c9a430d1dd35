using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Mobilitet.Functions.Middleware;
using Moq;

namespace Mobilitet.Functions.Tests.Middleware;

public sealed class NoSniffMiddlewareTests
{
    // Where the ASP.NET Core integration keeps the request's HttpContext (FunctionContext.GetHttpContext reads it).
    private const string HttpContextKey = "HttpRequestContext";

    private static Mock<FunctionContext> Context(HttpContext? http)
    {
        var items = new Dictionary<object, object>();
        if (http is not null)
        {
            items[HttpContextKey] = http;
        }

        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(items);
        return context;
    }

    [Fact]
    public async Task An_http_response_says_nosniff_and_the_function_runs()
    {
        var http = new DefaultHttpContext();
        var context = Context(http);
        var ran = false;

        await new NoSniffMiddleware().Invoke(context.Object, _ =>
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
        var context = Context(http: null);
        var ran = false;

        await new NoSniffMiddleware().Invoke(context.Object, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
    }
}
