using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Hosting.Http;

namespace Mobilitet.Workflows.Hosting.Tests.Http;

/// <summary>
/// Only a JSON body is read: a form or plain text could be posted cross-site by any web page
/// (a "simple" request needs no CORS preflight), so those are refused before the body is read.
/// </summary>
public sealed class JsonContentTypeTests
{
    private static HttpRequest Request(params string[] contentTypes)
    {
        var context = new DefaultHttpContext();
        if (contentTypes.Length > 0)
        {
            context.Request.Headers.ContentType = contentTypes;
        }

        return context.Request;
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("Application/JSON")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=UTF-8")]
    [InlineData("APPLICATION/JSON; CHARSET=Utf-8")]
    [InlineData("application/json ; charset=utf-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    public void Json_with_at_most_the_utf8_charset_is_json(string contentType)
    {
        Assert.True(JsonBody.HasJsonContentType(Request(contentType)));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=----x")]
    [InlineData("text/json")]
    [InlineData("application/problem+json")]
    [InlineData("application/jsonx")]
    [InlineData("application/json-patch+json")]
    [InlineData("application/*")]
    [InlineData("*/*")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf8")]
    [InlineData("application/json; boundary=x")]
    [InlineData("application/json; charset=utf-8; charset=utf-8")]
    [InlineData("application/json; charset=utf-8; q=1")]
    [InlineData("application/json, text/plain")]
    [InlineData("json")]
    [InlineData("")]
    public void Anything_else_is_not_json(string contentType)
    {
        Assert.False(JsonBody.HasJsonContentType(Request(contentType)));
    }

    [Fact]
    public void A_missing_content_type_is_not_json()
    {
        Assert.False(JsonBody.HasJsonContentType(Request()));
    }

    [Fact]
    public void Two_content_type_headers_are_not_json_even_if_one_is()
    {
        Assert.False(JsonBody.HasJsonContentType(Request("application/json", "text/plain")));
        Assert.False(JsonBody.HasJsonContentType(Request("application/json", "application/json")));
    }
}
