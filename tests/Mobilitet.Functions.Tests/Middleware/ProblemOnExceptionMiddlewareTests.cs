using System.Text.Json.Nodes;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mobilitet.Functions.Middleware;
using Moq;

namespace Mobilitet.Functions.Tests.Middleware;

// CA1873 reads Moq's Verify expressions as log calls; they are never evaluated as such.
#pragma warning disable CA1873

public sealed class ProblemOnExceptionMiddlewareTests
{
    private readonly Mock<ILogger<ProblemOnExceptionMiddleware>> logger = new();

    public ProblemOnExceptionMiddlewareTests() => logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);

    private static DefaultHttpContext Request(string method)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        http.Request.Method = method;
        http.Response.Body = new MemoryStream();
        return http;
    }

    private static JsonNode Body(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return JsonNode.Parse(http.Response.Body)!;
    }

    [Fact]
    public async Task A_function_that_meets_storage_not_answering_answers_503_with_retry_after_in_danish_and_logs_the_exception()
    {
        var http = Request(HttpMethods.Post);
        var refused = new AggregateException(new RequestFailedException("Connection refused (127.0.0.1:10002)"));

        await new ProblemOnExceptionMiddleware(logger.Object).Invoke(FunctionContexts.For(http), _ => throw refused);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("2", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json", http.Response.ContentType);
        var problem = Body(http);
        Assert.Equal("Tjenesten er midlertidigt utilgængelig", problem["title"]!.GetValue<string>());
        Assert.Contains("før du prøver igen", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("10002", problem.ToJsonString(), StringComparison.Ordinal);
        logger.Verify(
            l => l.Log(LogLevel.Error, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), refused, It.IsAny<Func<It.IsAnyType, Exception?, string>>()),
            Times.Once);
    }

    [Fact]
    public async Task A_function_with_a_fault_of_ours_answers_a_danish_500_problem_instead_of_the_hosts_bare_500()
    {
        var http = Request(HttpMethods.Get);

        await new ProblemOnExceptionMiddleware(logger.Object).Invoke(FunctionContexts.For(http), _ => throw new InvalidOperationException("a fault of ours"));

        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.False(http.Response.Headers.ContainsKey("Retry-After"));
        var problem = Body(http);
        Assert.Equal("Der opstod en fejl", problem["title"]!.GetValue<string>());
        Assert.DoesNotContain("a fault of ours", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trigger_without_http_rethrows_so_the_host_records_and_retries_it()
    {
        var failure = new RequestFailedException(503, "busy");

        var thrown = await Assert.ThrowsAsync<RequestFailedException>(() => new ProblemOnExceptionMiddleware(logger.Object).Invoke(FunctionContexts.For(http: null), _ => throw failure));

        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task A_function_that_succeeds_keeps_its_own_answer()
    {
        var http = Request(HttpMethods.Get);

        await new ProblemOnExceptionMiddleware(logger.Object).Invoke(FunctionContexts.For(http), context =>
        {
            context.GetHttpContext()!.Response.StatusCode = StatusCodes.Status202Accepted;
            return Task.CompletedTask;
        });

        Assert.Equal(StatusCodes.Status202Accepted, http.Response.StatusCode);
        Assert.Equal(0, http.Response.Body.Length);
        logger.Verify(
            l => l.Log(It.IsAny<LogLevel>(), It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<Exception?>(), It.IsAny<Func<It.IsAnyType, Exception?, string>>()),
            Times.Never);
    }
}
