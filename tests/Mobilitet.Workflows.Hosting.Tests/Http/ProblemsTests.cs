using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Workflows.Hosting.Http;

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
}
