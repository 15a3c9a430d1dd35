using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Workflows.Hosting.Http;
using RequestFailedException = Azure.RequestFailedException;

namespace Mobilitet.Workflows.Hosting.Tests.Http;

public sealed class ProblemsTests
{
    private static async Task<(HttpResponse Response, JsonNode Body)> ExecuteAsync(IResult result)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return (context.Response, JsonNode.Parse(context.Response.Body)!);
    }

    [Fact]
    public async Task Unsupported_media_type_is_a_415_problem_saying_in_danish_that_the_body_must_be_json()
    {
        var (response, problem) = await ExecuteAsync(Problems.UnsupportedMediaType());

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(415, problem["status"]!.GetValue<int>());
        Assert.Equal("Forespørgslen skal være JSON", problem["title"]!.GetValue<string>());
        Assert.Contains("application/json", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("JSON", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unavailable_is_a_503_problem_that_says_when_to_try_again()
    {
        var (response, problem) = await ExecuteAsync(Problems.Unavailable("Aftalens arbejdsgang er ved at blive startet, og intet er ændret."));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, response.StatusCode);
        Assert.Equal(Problems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.EndsWith("Prøv igen om lidt.", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uri_too_long_is_a_414_problem_naming_the_limit()
    {
        var (response, problem) = await ExecuteAsync(Problems.UriTooLong(8 * 1024));

        Assert.Equal(StatusCodes.Status414UriTooLong, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal("Adressen er for lang", problem["title"]!.GetValue<string>());
        Assert.Contains("8 KB", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "Bad Request")]
    [InlineData(404, "Not Found")]
    [InlineData(405, "Method Not Allowed")]
    [InlineData(413, null)]
    [InlineData(414, null)]
    [InlineData(415, "Unsupported Media Type")]
    [InlineData(500, "An error occurred while processing your request.")]
    public void A_framework_problem_gets_a_danish_title_and_detail(int status, string? englishTitle)
    {
        var problem = new ProblemDetails { Status = status, Title = englishTitle };

        Problems.UseDanishWording(problem);

        Assert.Equal(Problems.TitleFor(status), problem.Title);
        Assert.NotNull(problem.Detail);
        Assert.NotEqual(englishTitle, problem.Title);
    }

    [Fact]
    public void A_problem_with_our_own_title_and_detail_keeps_them()
    {
        var problem = new ProblemDetails { Status = 404, Title = "Flytteaftalen findes ikke", Detail = "Der findes ingen flytteaftale med id 'x'." };

        Problems.UseDanishWording(problem);

        Assert.Equal("Flytteaftalen findes ikke", problem.Title);
        Assert.Equal("Der findes ingen flytteaftale med id 'x'.", problem.Detail);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(406)]
    [InlineData(408)]
    [InlineData(409)]
    [InlineData(411)]
    [InlineData(413)]
    [InlineData(414)]
    [InlineData(415)]
    [InlineData(418)]
    [InlineData(422)]
    [InlineData(431)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public void Every_error_status_has_a_danish_title(int status)
    {
        var title = Problems.TitleFor(status);

        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.NotEqual(Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), title);
    }

    // What the Azure SDK throws once its own retries are spent: every attempt's exception in one.
    private static AggregateException RetriesSpent(params Exception[] attempts) => new("Retry failed after 4 tries.", attempts);

    public static TheoryData<Exception> StorageThatDidNotAnswer => new()
    {
        RetriesSpent(new RequestFailedException("Connection refused (127.0.0.1:10002)"), new RequestFailedException("Connection refused (127.0.0.1:10002)")),
        new RequestFailedException(503, "The server is busy."),
        new RequestFailedException(500, "Operation could not be completed within the specified time."),
        new RequestFailedException(429, "Too many requests."),
        new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:01:40."),
        RetriesSpent(new TaskCanceledException("timeout"), new RequestFailedException(503, "busy")),
        new TimeoutException(),
        new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "Error connecting to subchannel.")),
        new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.DeadlineExceeded, "Deadline Exceeded")),
    };

    public static TheoryData<Exception> FaultsOfOurs => new()
    {
        new InvalidOperationException("a fault of ours"),
        new RequestFailedException(412, "Condition not met."),
        new RequestFailedException(404, "Not found."),
        new RequestFailedException(400, "Bad request."),
        RetriesSpent(new RequestFailedException(503, "busy"), new InvalidOperationException("then a fault of ours")),
        new AggregateException(),
        new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.InvalidArgument, "bad instance id")),
    };

    [Theory]
    [MemberData(nameof(StorageThatDidNotAnswer))]
    public async Task An_exception_from_storage_that_did_not_answer_is_a_503_with_retry_after_and_nothing_of_the_exception(Exception exception)
    {
        var (response, problem) = await ExecuteAsync(Problems.ForException(exception, HttpMethods.Get));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, response.StatusCode);
        Assert.Equal(Problems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal("Tjenesten er midlertidigt utilgængelig", problem["title"]!.GetValue<string>());
        Assert.Equal("Datalageret svarede ikke i tide. Prøv igen om lidt.", problem["detail"]!.GetValue<string>());
        Assert.DoesNotContain(exception.Message, problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FaultsOfOurs))]
    public async Task Any_other_exception_is_a_500_problem_in_danish_without_retry_after(Exception exception)
    {
        var (response, problem) = await ExecuteAsync(Problems.ForException(exception, HttpMethods.Post));

        Assert.Equal(StatusCodes.Status500InternalServerError, response.StatusCode);
        Assert.False(response.Headers.ContainsKey("Retry-After"));
        Assert.Equal("Der opstod en fejl", problem["title"]!.GetValue<string>());
        Assert.DoesNotContain(exception.Message, problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task A_step_that_met_storage_not_answering_is_told_to_look_before_trying_again(string method)
    {
        var (response, problem) = await ExecuteAsync(Problems.ForException(new RequestFailedException(503, "busy"), method));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, response.StatusCode);
        Assert.Contains("måske ikke gennemført", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("før du prøver igen", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
