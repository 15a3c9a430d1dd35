using System.Text;
using System.Text.RegularExpressions;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Web.Tests.Rendering;

public sealed partial class StaticAssetsTests
{
    private static StaticAssets Assets => StaticAssets.Embedded;

    [Theory]
    [InlineData("dkfds/css/dkfds.min.css", "text/css; charset=utf-8")]
    [InlineData("dkfds/js/dkfds.min.js", "text/javascript; charset=utf-8")]
    [InlineData("dkfds/img/all-svg-icons.svg", "image/svg+xml")]
    [InlineData("dkfds/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2", "font/woff2")]
    [InlineData("htmx/htmx.min.js", "text/javascript; charset=utf-8")]
    [InlineData("chartjs/chart.umd.min.js", "text/javascript; charset=utf-8")]
    [InlineData("css/app.css", "text/css; charset=utf-8")]
    [InlineData("js/app.js", "text/javascript; charset=utf-8")]
    public void The_build_embeds_the_front_end_packages_and_our_own_files(string path, string contentType)
    {
        Assert.True(Assets.TryGet(path, out var asset), path);
        Assert.Equal(contentType, asset.ContentType);
        Assert.True(asset.Content.Length > 0);
    }

    [Fact]
    public void The_pinned_package_versions_are_the_ones_served()
    {
        var packages = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "package.json"))).RootElement.GetProperty("dependencies");

        Assert.Contains($"version=\"{packages.GetProperty("htmx.org").GetString()}\"", Text("htmx/htmx.min.js"), StringComparison.Ordinal);
        Assert.Contains($"Chart.js v{packages.GetProperty("chart.js").GetString()}", Text("chartjs/chart.umd.min.js")[..200], StringComparison.Ordinal);
        Assert.Equal(
            File.ReadAllText(Path.Combine(RepositoryRoot(), "node_modules", "dkfds", "dist", "css", "dkfds.min.css")),
            Text("dkfds/css/dkfds.min.css"));
        Assert.Equal("11.2.0", packages.GetProperty("dkfds").GetString());
    }

    [Fact]
    public void Every_file_the_dkfds_style_sheet_and_app_css_name_is_served_except_legacy_font_formats()
    {
        foreach (var sheet in new[] { "dkfds/css/dkfds.min.css", "css/app.css" })
        {
            var folder = sheet[..(sheet.LastIndexOf('/') + 1)];
            var named = CssUrl().Matches(Text(sheet)).Select(match => match.Groups["url"].Value.Trim('"', '\'')).Where(url => !url.StartsWith("data:", StringComparison.Ordinal)).Distinct().ToList();
            Assert.NotEmpty(named);
            foreach (var url in named.Where(url => !url.EndsWith(".eot", StringComparison.Ordinal) && !url.EndsWith(".ttf", StringComparison.Ordinal)))
            {
                var resolved = new Uri(new Uri("https://x/" + folder), url).AbsolutePath.TrimStart('/');
                Assert.True(Assets.TryGet(resolved, out _), $"{sheet} names {url} ({resolved}), which is not served.");
            }
        }
    }

    [Fact]
    public void A_url_carries_the_content_version_and_the_etag_is_the_strong_content_hash()
    {
        Assert.True(Assets.TryGet("css/app.css", out var asset));

        Assert.Equal($"/static/css/app.css?v={asset.Version}", Asset.Url("css/app.css"));
        Assert.Matches("^\"[A-Za-z0-9_-]{43}\"$", asset.ETag);
        Assert.StartsWith(asset.Version, asset.ETag.Trim('"'), StringComparison.Ordinal);
        Assert.Equal(asset.ETag, StaticAsset.Create("other/name.css", asset.Content.ToArray()).ETag);
        Assert.NotEqual(asset.ETag, StaticAsset.Create("css/app.css", [.. asset.Content.ToArray(), (byte)' ']).ETag);
    }

    [Fact]
    public void A_url_for_a_file_that_does_not_exist_is_a_mistake_found_at_once()
    {
        Assert.Throws<ArgumentException>(() => Asset.Url("css/missing.css"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../Mobilitet.Workflows.Web.dll")]
    [InlineData("css/../css/app.css")]
    [InlineData("CSS/APP.CSS")]
    [InlineData("/css/app.css")]
    [InlineData("css\\app.css")]
    public void Only_exact_paths_of_embedded_files_are_found(string path)
    {
        Assert.False(Assets.TryGet(path, out _));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "package.json")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("No package.json above " + AppContext.BaseDirectory);
    }

    private static string Text(string path)
    {
        Assert.True(Assets.TryGet(path, out var asset), path);
        return Encoding.UTF8.GetString(asset.Content.Span);
    }

    [GeneratedRegex(@"url\((?<url>[^)]+)\)")]
    private static partial Regex CssUrl();
}
