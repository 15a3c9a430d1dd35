namespace Mobilitet.Workflows.Web.Rendering;

/// <summary>
/// How the lists page on the server: a page's address carries the list's continuation token in the query
/// string ("?side=…"); a token only goes forward, so a later page links to the first one as well.
/// </summary>
public static class ListPaging
{
    /// <summary>The query-string name of the continuation token.</summary>
    public const string TokenField = "side";

    /// <summary><paramref name="listPath"/> (no query) with the token for a next page; null without a token.</summary>
    public static string? NextPath(string listPath, string? continuationToken) =>
        continuationToken is null ? null : $"{listPath}?{TokenField}={Uri.EscapeDataString(continuationToken)}";
}
