using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>GET /static/{path}: the embedded front-end files, with content types, strong ETags, caching by version, and nothing else.</summary>
public sealed class StaticFileTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Theory]
    [InlineData("dkfds/css/dkfds.min.css", "text/css")]
    [InlineData("dkfds/js/dkfds.min.js", "text/javascript")]
    [InlineData("htmx/htmx.min.js", "text/javascript")]
    [InlineData("chartjs/chart.umd.min.js", "text/javascript")]
    [InlineData("dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2", "font/woff2")]
    [InlineData("dkfds/img/all-svg-icons.svg", "image/svg+xml")]
    [InlineData("css/app.css", "text/css")]
    [InlineData("js/app.js", "text/javascript")]
    public async Task A_versioned_url_is_the_file_with_its_type_and_strong_etag_cached_for_a_year(string path, string mediaType)
    {
        Assert.True(StaticAssets.Embedded.TryGet(path, out var asset));

        using var response = await host.Api.GetAsync(new Uri(Asset.Url(path), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(asset.ETag, response.Headers.ETag?.ToString());
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(asset.Content.ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/static/css/app.css")]
    [InlineData("/static/css/app.css?v=an-old-version")]
    public async Task Without_the_current_version_a_file_is_revalidated_every_time(string url)
    {
        using var response = await host.Api.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task A_request_with_the_current_etag_gets_304_without_a_body()
    {
        Assert.True(StaticAssets.Embedded.TryGet("dkfds/css/dkfds.min.css", out var asset));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Asset.Url(asset.Path), UriKind.Relative));
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(asset.ETag));

        using var response = await host.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(asset.ETag, response.Headers.ETag?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_request_with_another_etag_gets_the_file()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/static/css/app.css", UriKind.Relative));
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse("\"something-else\""));

        using var response = await host.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/static/css/missing.css")]
    [InlineData("/static/CSS/APP.CSS")]
    [InlineData("/static/dkfds")]
    [InlineData("/static/dkfds/")]
    [InlineData("/static/..%2f..%2fappsettings.json")]
    [InlineData("/static/%2e%2e/%2e%2e/appsettings.json")]
    [InlineData("/static/css/..%2f..%2fMobilitet.Local.dll")]
    [InlineData("/static/css%5c..%5c..%5cappsettings.json")]
    [InlineData("/static/%2fetc%2fpasswd")]
    public async Task Anything_but_an_embedded_file_is_a_404_problem(string url)
    {
        using var response = await host.Api.GetAsync(new Uri(url, UriKind.Relative));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} → {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, JsonNode.Parse(body)!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_path_with_dot_segments_never_reaches_outside_the_embedded_files()
    {
        // HttpClient and Kestrel remove dot segments before routing; what is left is looked up exactly.
        using var response = await host.Api.GetAsync(new Uri("/static/css/../../appsettings.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Logging", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
