using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Mobilitet.Workflows.Web.Rendering;

/// <summary>
/// The static files embedded in this assembly (resources named "static/&lt;path&gt;", see StaticAssets.targets),
/// each with its content type and a content hash: the strong ETag, and the version <see cref="Url"/> puts in
/// the query so that a versioned URL can be cached for a year. Read once; the set never changes at run time.
/// </summary>
public sealed class StaticAssets
{
    /// <summary>The URL path the files are served under.</summary>
    public const string BasePath = "/static/";

    /// <summary>The query parameter that carries the version.</summary>
    public const string VersionParameter = "v";

    private const string ResourcePrefix = "static/";

    private static readonly Lazy<StaticAssets> EmbeddedAssets = new(() => Load(typeof(StaticAssets).Assembly));

    private readonly FrozenDictionary<string, StaticAsset> files;

    private StaticAssets(FrozenDictionary<string, StaticAsset> files) => this.files = files;

    /// <summary>The files of this assembly.</summary>
    public static StaticAssets Embedded => EmbeddedAssets.Value;

    public IEnumerable<string> Paths => files.Keys;

    /// <summary>The file at <paramref name="path"/> (relative to /static/, exact spelling), if there is one.</summary>
    public bool TryGet(string? path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StaticAsset? asset)
    {
        asset = null;
        return !string.IsNullOrEmpty(path) && files.TryGetValue(path, out asset);
    }

    /// <summary>"/static/css/app.css?v=…": the file's URL with its version. Throws for a file that does not exist.</summary>
    public string Url(string path) =>
        TryGet(path, out var asset)
            ? $"{BasePath}{asset.Path}?{VersionParameter}={asset.Version}"
            : throw new ArgumentException($"There is no static file '{path}'.", nameof(path));

    public static StaticAssets Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var files = new Dictionary<string, StaticAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var path = name[ResourcePrefix.Length..];
            files[path] = StaticAsset.Create(path, buffer.ToArray());
        }

        return new StaticAssets(files.ToFrozenDictionary(StringComparer.Ordinal));
    }
}

/// <summary>One static file: its path under /static/, bytes, content type, strong ETag and version.</summary>
public sealed record StaticAsset(string Path, ReadOnlyMemory<byte> Content, string ContentType, string ETag, string Version)
{
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".woff2"] = "font/woff2",
        [".woff"] = "font/woff",
        [".txt"] = "text/plain; charset=utf-8",
        [".md"] = "text/plain; charset=utf-8",
        [""] = "text/plain; charset=utf-8", // LICENSE
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static StaticAsset Create(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        var hash = Convert.ToBase64String(SHA256.HashData(content)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var contentType = ContentTypes.GetValueOrDefault(System.IO.Path.GetExtension(path), "application/octet-stream");
        return new StaticAsset(path, content, contentType, $"\"{hash}\"", hash[..16]);
    }
}
