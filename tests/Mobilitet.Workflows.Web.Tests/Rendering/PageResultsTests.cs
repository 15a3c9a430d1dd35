using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Web.Tests.Rendering;

public sealed class PageResultsTests
{
    private static DefaultHttpContext Context(string? cookie = null)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = cookie;
        }

        return context;
    }

    [Fact]
    public async Task A_page_is_utf8_html_with_the_security_headers_and_never_cached()
    {
        var context = Context();

        await PageResults.Html("<p>Hej Åse</p>", StatusCodes.Status400BadRequest).ExecuteAsync(context);

        var response = context.Response;
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Equal("no-store", response.Headers.CacheControl);
        Assert.Equal("same-origin", response.Headers["Referrer-Policy"]);
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions);
        var csp = response.Headers.ContentSecurityPolicy.ToString();
        var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("'self'", directives["script-src"]);
        Assert.Equal("'self'", directives["style-src"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'self'", directives["form-action"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("<p>Hej Åse</p>", System.Text.Encoding.UTF8.GetString(((MemoryStream)response.Body).ToArray()));
    }

    [Fact]
    public async Task A_redirect_after_a_post_is_a_303_that_leaves_its_notice_in_a_short_lived_cookie()
    {
        var context = Context();

        await PageResults.SeeOther("/api/escalations/x/decide?token=1.a", Notice.DecisionRecorded).ExecuteAsync(context);

        Assert.Equal(303, context.Response.StatusCode);
        Assert.Equal("/api/escalations/x/decide?token=1.a", context.Response.Headers.Location);
        Assert.Equal("no-store", context.Response.Headers.CacheControl);
        var cookie = context.Response.Headers.SetCookie.ToString();
        Assert.StartsWith("mobilitet-notice=DecisionRecorded;", cookie, StringComparison.Ordinal);
        Assert.Contains("max-age=60", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("relative")]
    public void A_redirect_never_leaves_the_site(string location)
    {
        Assert.Throws<ArgumentException>(() => PageResults.SeeOther(location));
    }

    [Theory]
    [InlineData("mobilitet-notice=DecisionRecorded", Notice.DecisionRecorded)]
    [InlineData("mobilitet-notice=1", null)]
    [InlineData("mobilitet-notice=decisionrecorded", null)]
    [InlineData("mobilitet-notice=%3Cscript%3E", null)]
    [InlineData("other=DecisionRecorded", null)]
    public void A_notice_is_taken_once_and_only_a_known_one(string cookie, Notice? expected)
    {
        var context = Context(cookie);

        Assert.Equal(expected, PageResults.TakeNotice(context));
        if (cookie.StartsWith("mobilitet-notice", StringComparison.Ordinal))
        {
            Assert.Contains("mobilitet-notice=;", context.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);
        }
    }
}
