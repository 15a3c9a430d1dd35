using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Moq;

namespace Mobilitet.Functions.Tests.Middleware;

/// <summary>A function invocation's context for middleware tests, with or without an HTTP request.</summary>
internal static class FunctionContexts
{
    // Where the ASP.NET Core integration keeps the request's HttpContext (FunctionContext.GetHttpContext reads it).
    private const string HttpContextKey = "HttpRequestContext";

    /// <param name="http">The request's context; null for a trigger without HTTP (a timer, an orchestration, an activity).</param>
    public static FunctionContext For(HttpContext? http, string functionName = "CreateAgreement")
    {
        var items = new Dictionary<object, object>();
        if (http is not null)
        {
            items[HttpContextKey] = http;
        }

        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(functionName);
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(items);
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        return context.Object;
    }
}
