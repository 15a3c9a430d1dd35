using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mobilitet.Testing;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>The fake is only worth something if it refuses what SendGrid refuses.</summary>
public sealed class FakeSendGridServerTests : IAsyncLifetime
{
    private const string ValidBody = """
        {"personalizations":[{"to":[{"email":"a@example.dk"}],"custom_args":{"x":"1"}}],
         "from":{"email":"from@example.dk"},"subject":"Hej",
         "content":[{"type":"text/plain","value":"tekst"},{"type":"text/html","value":"<p>html</p>"}]}
        """;

    private static readonly HttpClient Client = new();
    private FakeSendGridServer server = null!;

    public async Task InitializeAsync() => server = await FakeSendGridServer.StartNewAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task<HttpStatusCode> PostAsync(string body, string? key = FakeSendGridServer.DefaultApiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, "v3/mail/send")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await Client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_valid_request_is_accepted_and_recorded()
    {
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(ValidBody));

        var email = Assert.Single(server.Messages);
        Assert.Equal(("tekst", "<p>html</p>", "1"), (email.Text, email.Html, email.CustomArgs["x"]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("SG.other")]
    public async Task Requests_without_the_right_key_are_unauthorized(string? key)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(ValidBody, key));
        Assert.Empty(server.Messages);
    }

    [Theory]
    [InlineData("""{"personalizations":[],"from":{"email":"f@example.dk"},"subject":"s","content":[{"type":"text/plain","value":"t"}]}""")]
    [InlineData("""{"personalizations":[{"to":[{"email":"not-an-address"}]}],"from":{"email":"f@example.dk"},"subject":"s","content":[{"type":"text/plain","value":"t"}]}""")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.dk"}],"cc":[{"email":"A@example.dk"}]}],"from":{"email":"f@example.dk"},"subject":"s","content":[{"type":"text/plain","value":"t"}]}""")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.dk"}]}],"subject":"s","content":[{"type":"text/plain","value":"t"}]}""")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.dk"}]}],"from":{"email":"f@example.dk"},"content":[{"type":"text/plain","value":"t"}]}""")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.dk"}]}],"from":{"email":"f@example.dk"},"subject":"s","content":[{"type":"text/html","value":"h"},{"type":"text/plain","value":"t"}]}""")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.dk"}]}],"from":{"email":"f@example.dk"},"subject":"s"}""")]
    [InlineData("not json")]
    public async Task Invalid_mail_is_a_bad_request(string body)
    {
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(body));
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task Injected_failures_hit_exactly_the_next_requests()
    {
        server.FailNextRequests(2, HttpStatusCode.ServiceUnavailable);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await PostAsync(ValidBody));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await PostAsync(ValidBody));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(ValidBody));
        Assert.Equal(3, server.RequestCount);
    }
}
