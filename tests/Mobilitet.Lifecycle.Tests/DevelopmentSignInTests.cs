using System.Net;
using System.Text.RegularExpressions;
using Mobilitet.Lifecycle.Tests.Infrastructure;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>The local host's development sign-in: a form that sets the identity in a cookie, and sign-out.</summary>
public sealed partial class DevelopmentSignInTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Fact]
    public async Task Signing_in_as_a_caseworker_sets_an_identity_the_api_and_pages_accept_and_signing_out_removes_it()
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.Api.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(new Uri("/api/agreements", UriKind.Relative))).StatusCode);

        var page = await browser.GetStringAsync(new Uri("/log-ind?returnUrl=%2Faftaler", UriKind.Relative));
        Assert.Contains("Log ind (udviklingsmiljø)", page, StringComparison.Ordinal);
        var token = TokenField().Match(page).Groups["token"].Value;

        using var missing = await browser.PostAsync(new Uri("/log-ind", UriKind.Relative), Form(token, ("name", "Søren"), ("roles", "caseworker")));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Vælg den kommune, du arbejder for.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var signedIn = await browser.PostAsync(new Uri("/log-ind", UriKind.Relative), Form(token, ("name", "Søren"), ("roles", "caseworker"), ("municipality", "0751"), ("returnUrl", "/aftaler")));
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal("/aftaler", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/api/agreements", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(new Uri("/api/agreements?municipality=0461", UriKind.Relative))).StatusCode);

        using var signedOut = await browser.GetAsync(new Uri("/.auth/logout", UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(new Uri("/api/agreements", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_return_address_off_the_site_is_not_followed()
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.Api.BaseAddress };
        var token = TokenField().Match(await browser.GetStringAsync(new Uri("/log-ind", UriKind.Relative))).Groups["token"].Value;

        using var signedIn = await browser.PostAsync(new Uri("/log-ind", UriKind.Relative), Form(token, ("name", "X"), ("roles", "monitoring"), ("returnUrl", "//evil.example/")));

        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenField();
}

/// <summary>With the development identity off there is no sign-in page.</summary>
public sealed class NoDevelopmentSignInTests(BehindIdentityProxyHost host) : IClassFixture<BehindIdentityProxyHost>
{
    [Fact]
    public async Task The_sign_in_page_is_not_there()
    {
        using var response = await host.Api.GetAsync(new Uri("/log-ind", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
