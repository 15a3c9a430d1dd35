using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Mobilitet.Workflows.Web.Rendering;

/// <summary>
/// The headers every page answer carries, in both hosts alike (set by the page results, not by a host):
/// a Content-Security-Policy that allows scripts, styles, fonts and images from this site only (no inline
/// script or style, no eval), pages never cached or framed, and no URL (decision links carry a token in
/// the query) sent to another site as referrer.
/// </summary>
public static class PageHeaders
{
    /// <summary>
    /// htmx 4 would add its indicator styles as a constructed style sheet; the layout turns that off
    /// (meta htmx-config) and app.css has them. dkfds needs nothing inline; its fonts and icons are ours.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
        headers.Remove(HeaderNames.Pragma);
    }
}
