using System.Text;
using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Http.Requests;

namespace Mobilitet.Workflows.Hosting.Tests.Http;

public sealed class JsonBodyTests
{
    private static HttpRequest Request(string body, bool announceLength = true)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = announceLength ? bytes.Length : null;
        return context.Request;
    }

    [Fact]
    public async Task A_wrong_type_is_an_error_on_its_field()
    {
        var (value, errors) = await JsonBody.ReadAsync<MeasurementRequest>(Request("{\"milestone\":\"M3\",\"taxPaidDkk\":\"lots\"}"), CancellationToken.None);

        Assert.Null(value);
        Assert.Equal(["Værdien har en forkert type."], errors.ToDictionary()["taxPaidDkk"]);
    }

    [Fact]
    public async Task An_unknown_field_is_named()
    {
        var (_, errors) = await JsonBody.ReadAsync<ConsentRequest>(Request("{\"decision\":\"given\",\"extra\":1}"), CancellationToken.None);

        Assert.Equal(["Feltet er ukendt."], errors.ToDictionary()["extra"]);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_even_without_a_content_length()
    {
        var (value, errors) = await JsonBody.ReadAsync<ConsentRequest>(Request("{\"decision\":\"" + new string('x', JsonBody.MaxBytes) + "\"}", announceLength: false), CancellationToken.None);

        Assert.Null(value);
        Assert.Equal(["Forespørgslen er for stor (højst 64 KB)."], errors.ToDictionary()["body"]);
    }

    [Fact]
    public async Task A_valid_body_is_read()
    {
        var (value, errors) = await JsonBody.ReadAsync<MoveRequest>(Request("{\"movedOn\":\"2027-01-15\",\"toArea\":\"Viby\"}"), CancellationToken.None);

        Assert.True(errors.IsEmpty);
        Assert.Equal(new MoveRequest("2027-01-15", "Viby"), value);
    }
}
