namespace Mobilitet.Workflows.Web.Rendering;

/// <summary>For components: <c>Asset.Url("css/app.css")</c> is "/static/css/app.css?v=&lt;content hash&gt;".</summary>
public static class Asset
{
    public static string Url(string path) => StaticAssets.Embedded.Url(path);
}
