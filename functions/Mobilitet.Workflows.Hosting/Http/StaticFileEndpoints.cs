using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// GET /static/{*path}: the files the pages use (embedded in Mobilitet.Workflows.Web), for both hosts.
/// A path is looked up exactly among the embedded files, so nothing else can be reached ("..", other
/// spellings, the file system). Strong ETag (content hash), 304 on If-None-Match; a URL with the file's
/// version (?v=, <see cref="Asset.Url"/>) is cached for a year, any other is revalidated.
/// </summary>
public static class StaticFileEndpoints
{
    public const string Immutable = "public, max-age=31536000, immutable";
    public const string Revalidate = "no-cache";

    public static IResult Get(HttpRequest request, string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!StaticAssets.Embedded.TryGet(path, out var asset))
        {
            return Problems.StaticFileNotFound();
        }

        var versioned = request.Query.TryGetValue(StaticAssets.VersionParameter, out var version)
            && version.Count == 1 && version[0] == asset.Version;
        return new StaticFileResult(asset, versioned ? Immutable : Revalidate);
    }

    // The bytes through the framework's file result (which answers If-None-Match with 304), with our Cache-Control.
    private sealed class StaticFileResult(StaticAsset asset, string cacheControl) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.CacheControl = cacheControl;
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: EntityTagHeaderValue.Parse(asset.ETag)).ExecuteAsync(httpContext);
        }
    }
}
