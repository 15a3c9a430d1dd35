using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Hosting.WellBeing;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.WellBeing;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The resident's check-in page through the local host: GET changes nothing, the answer is recorded once with the
/// comment in the vault, and a forged, expired or used link gets a Danish page and changes nothing.
/// </summary>
public sealed class CheckInPageTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    private const string Path = "/trivsel";

    private ICheckInStore CheckIns => host.Services.GetRequiredService<ICheckInStore>();

    private async Task<(string Id, string Link)> InvitedAsync(DateTimeOffset? expiresAt = null)
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), policy: "standard-v2"));
        var expires = expiresAt ?? DateTimeOffset.UtcNow.AddHours(1);
        await CheckIns.InviteAsync(new CheckIn(id, Milestone.M3, DateTimeOffset.UtcNow, expires), CancellationToken.None);
        var link = await host.Services.GetRequiredService<CheckInLinks>().CreateAsync(id, Milestone.M3, expires, CancellationToken.None);
        return (id, link.PathAndQuery);
    }

    private static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);

    [Fact]
    public async Task The_resident_answers_once_from_the_link_and_the_comment_goes_to_the_vault()
    {
        var (id, link) = await InvitedAsync();
        using var resident = new PageClient(host.Api.BaseAddress!);

        using var page = await resident.GetAsync(link);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Hvordan har du det i din nye bolig?", html, StringComparison.Ordinal);
        Assert.False((await CheckIns.FindAsync(id, Milestone.M3, CancellationToken.None))!.IsAnswered); // GET changes nothing

        using var missingScore = await resident.SubmitAsync(link, Path, ("token", TokenOf(link)), ("comment", "Glemte tallet"));
        Assert.Equal(HttpStatusCode.BadRequest, missingScore.StatusCode);
        Assert.Contains("Vælg et svar fra 1 til 5.", await missingScore.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var answered = await resident.SubmitAsync(link, Path, ("token", TokenOf(link)), ("score", "4"), ("comment", "Naboerne er søde <script>alert(1)</script>"));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("Tak for dit svar", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var checkIn = await CheckIns.FindAsync(id, Milestone.M3, CancellationToken.None);
        Assert.Equal(4, checkIn!.Score);
        Assert.Equal("Naboerne er søde <script>alert(1)</script>", await host.Services.GetRequiredService<IPersonalDataVault>().FindCheckInCommentAsync(id, Milestone.M3, CancellationToken.None));
        var personal = System.Text.Json.Nodes.JsonNode.Parse(await host.Api.GetStringAsync($"/api/agreements/{id}/personal-data"))!;
        var shown = Assert.Single(personal["checkInComments"]!.AsArray())!;
        Assert.Equal(("M3", "Naboerne er søde <script>alert(1)</script>"), ((string?)shown["milestone"], (string?)shown["comment"]));

        // The link works once: the page says so, and a second answer changes nothing.
        using var again = await resident.GetAsync(link);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var againHtml = await again.Content.ReadAsStringAsync();
        Assert.Contains("Du har allerede svaret", againHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"score\"", againHtml, StringComparison.Ordinal);
        Assert.Equal(4, (await CheckIns.FindAsync(id, Milestone.M3, CancellationToken.None))!.Score);
        host.AssertNoPersonalDataReachedTheEngineOrLogs(id);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("Naboerne", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forged_expired_or_foreign_token_gets_a_danish_page_and_records_nothing()
    {
        var (id, link) = await InvitedAsync();
        var (expiredId, expiredLink) = await InvitedAsync(DateTimeOffset.UtcNow.AddSeconds(-1));
        var token = TokenOf(link);
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var resident = new PageClient(host.Api.BaseAddress!);

        foreach (var bad in new[] { $"{Path}?token={Uri.EscapeDataString(forged)}", expiredLink, Path, $"{Path}?token=%00%2F..%2F" })
        {
            using var response = await resident.GetAsync(bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Linket virker ikke", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A valid page's antiforgery token with a forged or expired link's token records nothing.
        foreach (var bad in new[] { forged, TokenOf(expiredLink) })
        {
            using var posted = await resident.SubmitAsync(link, Path, ("token", bad), ("score", "1"));
            Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        }

        Assert.False((await CheckIns.FindAsync(id, Milestone.M3, CancellationToken.None))!.IsAnswered);
        Assert.False((await CheckIns.FindAsync(expiredId, Milestone.M3, CancellationToken.None))!.IsAnswered);

        // Without the page's antiforgery token nothing is recorded either.
        using var noAntiforgery = await resident.PostFormAsync(Path, [new("token", token), new("score", "5")]);
        Assert.Equal(HttpStatusCode.BadRequest, noAntiforgery.StatusCode);
        Assert.False((await CheckIns.FindAsync(id, Milestone.M3, CancellationToken.None))!.IsAnswered);
    }
}
