using System.Net;
using System.Text.RegularExpressions;

namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>A browser-like client for the pages: keeps cookies, does not follow redirects, reads a form's hidden fields.</summary>
public sealed partial class PageClient : IDisposable
{
    private readonly HttpClient client;

    /// <param name="principal">Who is signed in (an X-MS-CLIENT-PRINCIPAL value, <see cref="Mobilitet.Testing.Api.TestIdentities"/>); null: nobody.</param>
    public PageClient(Uri baseAddress, string? principal = null)
    {
        client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (principal is not null)
        {
            Mobilitet.Testing.Api.TestIdentities.SignedInAs(client, principal);
        }
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

    /// <summary>Gets the page at <paramref name="pagePath"/> (200) and posts a form to <paramref name="action"/> with its antiforgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pagePath, string action, params (string Name, string Value)[] fields)
    {
        using var page = await GetAsync(pagePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = AntiforgeryToken(await page.Content.ReadAsStringAsync());
        return await PostFormAsync(action, fields.Select(field => KeyValuePair.Create(field.Name, field.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
    }

    /// <summary>Follows a 303 (Post/Redirect/Get) and returns the page it leads to.</summary>
    public async Task<string> FollowAsync(HttpResponseMessage redirect)
    {
        ArgumentNullException.ThrowIfNull(redirect);
        Assert.True(redirect.StatusCode == HttpStatusCode.SeeOther, $"Expected 303, got {(int)redirect.StatusCode}: {await redirect.Content.ReadAsStringAsync()}");
        using var page = await GetAsync(redirect.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync();
    }

    public void Dispose() => client.Dispose();
}
