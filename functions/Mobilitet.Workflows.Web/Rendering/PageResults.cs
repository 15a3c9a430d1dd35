using System.Text;
using Microsoft.AspNetCore.Http;

namespace Mobilitet.Workflows.Web.Rendering;

/// <summary>
/// How a shared handler answers with a page: the rendered HTML with a status code, or a 303 redirect
/// (after a form post) that carries a <see cref="Notice"/> to the next page. Both set
/// <see cref="PageHeaders"/>. They are <see cref="IResult"/>s like the JSON API's answers, so the local
/// host returns them as they are and the Functions app through its IActionResult adapter.
/// </summary>
public static class PageResults
{
    private const string NoticeCookie = "mobilitet-notice";

    /// <summary>The page, as <c>text/html; charset=utf-8</c>.</summary>
    public static IResult Html(string html, int statusCode = StatusCodes.Status200OK) => new HtmlPageResult(html, statusCode);

    /// <summary>
    /// 303 See Other to a path on this site (Post/Redirect/Get), optionally with a message for the next
    /// page. <paramref name="localPath"/> must start with a single "/": a redirect never leaves the site.
    /// </summary>
    public static IResult SeeOther(string localPath, Notice? notice = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        if (localPath[0] != '/' || localPath.StartsWith("//", StringComparison.Ordinal) || localPath.StartsWith("/\\", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{localPath}' is not a path on this site.", nameof(localPath));
        }

        return new SeeOtherResult(localPath, notice);
    }

    /// <summary>The message a redirect left for this request, if any; it is removed, so it shows once.</summary>
    public static Notice? TakeNotice(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(NoticeCookie, out var value))
        {
            return null;
        }

        context.Response.Cookies.Delete(NoticeCookie, CookieOptions(context, maxAge: null));
        return value is { Length: > 0 } && char.IsAsciiLetter(value[0]) && Enum.TryParse<Notice>(value, ignoreCase: false, out var notice) && Enum.IsDefined(notice)
            ? notice
            : null;
    }

    private static CookieOptions CookieOptions(HttpContext context, TimeSpan? maxAge) => new()
    {
        Path = "/",
        HttpOnly = true,
        IsEssential = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        MaxAge = maxAge,
    };

    private sealed class HtmlPageResult(string html, int statusCode) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
    {
        public int? StatusCode => statusCode;

        public string ContentType => "text/html; charset=utf-8";

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = ContentType;
            PageHeaders.Apply(response);
            var body = Encoding.UTF8.GetBytes(html);
            response.ContentLength = body.Length;
            return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }

    private sealed class SeeOtherResult(string location, Notice? notice) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status303SeeOther;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            if (notice is { } message)
            {
                response.Cookies.Append(NoticeCookie, message.ToString(), CookieOptions(httpContext, TimeSpan.FromMinutes(1)));
            }

            response.StatusCode = StatusCodes.Status303SeeOther;
            response.Headers.Location = location;
            PageHeaders.Apply(response);
            response.ContentLength = 0;
            return Task.CompletedTask;
        }
    }
}
