using System.Net;
using System.Text.RegularExpressions;

namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>A browser-like client for the pages: keeps cookies, does not follow redirects, reads a form's hidden fields.</summary>
public sealed partial class PageClient : IDisposable
{
    private readonly HttpClient client;

    public PageClient(Uri baseAddress)
    {
        client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(new Uri(path, UriKind.Relative));

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields));

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent content) => client.PostAsync(new Uri(path, UriKind.Relative), content);

    /// <summary>The value of a hidden input in the page.</summary>
    public static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, $"<input type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"(?<value>[^\"]*)\"");
        Assert.True(match.Success, $"No hidden field {name} in the page.");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    public static string AntiforgeryToken(string html) => Hidden(html, "__RequestVerificationToken");

    public void Dispose() => client.Dispose();
}
