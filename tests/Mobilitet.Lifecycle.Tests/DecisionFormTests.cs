using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Hosting.DecisionLinks;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The decision page over HTTP, as a browser without JavaScript uses it: the headers every page carries,
/// the antiforgery check, and each way a form post can be refused — none of which records anything.
/// (The accepted decision, on a real escalation, is DecisionPageTests' browser test.)
/// </summary>
public sealed class DecisionFormTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    [Fact]
    public async Task A_page_carries_a_strict_content_security_policy_and_is_never_cached_or_referred()
    {
        var (escalation, token) = await OpenEscalationAsync();
        using var client = new PageClient(host.Api.BaseAddress!);

        using var page = await client.GetAsync(PagePath(escalation, token));
        using var missing = await client.GetAsync("/api/escalations/fa-00000000000000000000-esc-move/decide?token=1.x");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Eskaleringen findes ikke", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var response in new[] { page, missing })
        {
            AssertPageHeaders(response);
        }

        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(cookie => cookie.StartsWith("mobilitet-antiforgery=", StringComparison.Ordinal));
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.False(page.Headers.Contains("X-Frame-Options"));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_or_with_another_browsers_is_refused_and_records_nothing()
    {
        var (escalation, token) = await OpenEscalationAsync();
        using var supervisor = new PageClient(host.Api.BaseAddress!);
        using var attacker = new PageClient(host.Api.BaseAddress!);
        var html = await (await supervisor.GetAsync(PagePath(escalation, token))).Content.ReadAsStringAsync();

        using var without = await supervisor.PostFormAsync(PagePath(escalation), Fields(("decision", "close"), ("token", token)));
        using var stolen = await attacker.PostFormAsync(PagePath(escalation), Fields(("decision", "close"), ("token", token), ("__RequestVerificationToken", PageClient.AntiforgeryToken(html))));

        foreach (var response in new[] { without, stolen })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            AssertPageHeaders(response);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("Formularen er udløbet", body, StringComparison.Ordinal);
            Assert.Contains($"href=\"{PagePath(escalation)}\"", body, StringComparison.Ordinal);
        }

        await AssertNothingDecidedAsync(escalation);
    }

    [Fact]
    public async Task A_post_without_a_decision_comes_back_with_the_error_by_the_field_and_in_the_summary_keeping_the_note()
    {
        var (escalation, token) = await OpenEscalationAsync();
        using var client = new PageClient(host.Api.BaseAddress!);
        var form = await FormAsync(client, escalation, token);

        using var response = await client.PostFormAsync(PagePath(escalation), Fields(("note", "Ring <b>i morgen</b>."), ("token", token), form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertPageHeaders(response);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Fejl: ", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"function-link\" href=\"#field-decision\">Feltet skal udfyldes.</a>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"field-decision-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Ring &lt;b&gt;i morgen&lt;/b&gt;.</textarea>", html, StringComparison.Ordinal);
        await AssertNothingDecidedAsync(escalation);
    }

    [Fact]
    public async Task A_field_given_twice_is_an_error_on_that_field()
    {
        var (escalation, token) = await OpenEscalationAsync();
        using var client = new PageClient(host.Api.BaseAddress!);
        var form = await FormAsync(client, escalation, token);

        using var response = await client.PostFormAsync(PagePath(escalation), Fields(("decision", "close"), ("decision", "follow-up"), ("token", token), form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("href=\"#field-decision\">Feltet står flere gange.</a>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingDecidedAsync(escalation);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task A_post_that_is_not_an_ordinary_form_is_a_415_page(string contentType)
    {
        var (escalation, token) = await OpenEscalationAsync();
        using var client = new PageClient(host.Api.BaseAddress!);
        using var content = new StringContent($"decision=close&token={Uri.EscapeDataString(token)}", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await client.PostAsync(PagePath(escalation), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        AssertPageHeaders(response);
        Assert.Contains("Forespørgslen kunne ikke læses", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingDecidedAsync(escalation);
    }

    [Fact]
    public async Task A_form_larger_than_any_form_needs_is_a_413_page()
    {
        var (escalation, token) = await OpenEscalationAsync();
        using var client = new PageClient(host.Api.BaseAddress!);
        var form = await FormAsync(client, escalation, token);

        using var response = await client.PostFormAsync(PagePath(escalation), Fields(("decision", "close"), ("note", new string('x', 70_000)), ("token", token), form));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Formularen er for stor", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingDecidedAsync(escalation);
    }

    [Fact]
    public async Task A_forged_link_token_shows_the_invalid_link_message_and_no_form()
    {
        var (escalation, token) = await OpenEscalationAsync();
        using var client = new PageClient(host.Api.BaseAddress!);
        var form = await FormAsync(client, escalation, token);

        using var response = await client.PostFormAsync(PagePath(escalation), Fields(("decision", "close"), ("token", "1.forged"), form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Linket er ugyldigt eller hører til en anden eskalering.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        await AssertNothingDecidedAsync(escalation);
    }

    [Fact]
    public async Task An_expired_link_gets_its_own_page_pointing_to_the_web_ui_and_records_nothing()
    {
        var (escalation, token) = await OpenEscalationAsync();
        var expired = await LinkTokenAsync(host, escalation, DateTimeOffset.UtcNow.AddSeconds(-1));
        using var client = new PageClient(host.Api.BaseAddress!);
        var form = await FormAsync(client, escalation, token);

        using var page = await client.GetAsync(PagePath(escalation, expired));
        using var post = await client.PostFormAsync(PagePath(escalation), Fields(("decision", "close"), ("token", expired), form));

        await AssertRefusedLinkPageAsync(page, HttpStatusCode.Gone, "Linket er udløbet");
        await AssertRefusedLinkPageAsync(post, HttpStatusCode.Gone, "Linket er udløbet");

        await AssertNothingDecidedAsync(escalation);
        Assert.False(await host.Services.GetRequiredService<Mobilitet.Workflows.DecisionLinks.IDecisionLinkLedger>().IsUsedAsync(LinkOf(escalation, token), CancellationToken.None));
    }

    [Fact]
    public async Task Someone_signed_in_as_another_person_than_the_recipient_gets_its_own_page_and_records_nothing()
    {
        var (escalation, token) = await OpenEscalationAsync();
        using var recipient = new PageClient(host.Api.BaseAddress!, SupervisorWithEmail(AgreementForms.Supervisor1.ToUpperInvariant()));
        using var other = new PageClient(host.Api.BaseAddress!, SupervisorWithEmail(AgreementForms.Supervisor2));
        var form = await FormAsync(other, escalation, await LinkTokenAsync(host, escalation, DateTimeOffset.UtcNow.AddDays(1), AgreementForms.Supervisor2));

        using var own = await recipient.GetAsync(PagePath(escalation, token));
        using var page = await other.GetAsync(PagePath(escalation, token));
        using var post = await other.PostFormAsync(PagePath(escalation), Fields(("decision", "close"), ("token", token), form));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("<form", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertRefusedLinkPageAsync(page, HttpStatusCode.Forbidden, "Linket er sendt til en anden");
        await AssertRefusedLinkPageAsync(post, HttpStatusCode.Forbidden, "Linket er sendt til en anden");

        await AssertNothingDecidedAsync(escalation);
    }

    [Fact]
    public async Task Opening_a_link_never_uses_it_and_a_used_link_gets_its_own_page_and_records_nothing()
    {
        var (escalation, token) = await OpenEscalationAsync();
        using var client = new PageClient(host.Api.BaseAddress!);
        var ledger = host.Services.GetRequiredService<Mobilitet.Workflows.DecisionLinks.IDecisionLinkLedger>();

        var form = await FormAsync(client, escalation, token);
        await FormAsync(client, escalation, token); // a mail scanner, then the supervisor
        Assert.False(await ledger.IsUsedAsync(LinkOf(escalation, token), CancellationToken.None));
        Assert.True(await ledger.TryClaimAsync(LinkOf(escalation, token), DateTimeOffset.UtcNow, CancellationToken.None)); // as a decision with it would
        using var page = await client.GetAsync(PagePath(escalation, token));
        using var post = await client.PostFormAsync(PagePath(escalation), Fields(("decision", "close"), ("token", token), form));

        await AssertRefusedLinkPageAsync(page, HttpStatusCode.OK, "Linket er allerede brugt"); // what the supervisor sees after deciding: nothing went wrong
        await AssertRefusedLinkPageAsync(post, HttpStatusCode.Conflict, "Linket er allerede brugt");

        await AssertNothingDecidedAsync(escalation);
    }

    [Fact]
    public async Task A_decision_the_workflow_cannot_take_is_explained_in_danish_and_not_recorded()
    {
        var (escalation, token) = await OpenEscalationAsync(); // stored without an orchestration behind it
        using var client = new PageClient(host.Api.BaseAddress!);
        var form = await FormAsync(client, escalation, token);

        using var response = await client.PostFormAsync(PagePath(escalation), Fields(("decision", "close"), ("token", token), form));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        AssertPageHeaders(response);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Beslutningen er ikke registreret", html, StringComparison.Ordinal);
        Assert.Contains("Aftalens arbejdsgang findes ikke", html, StringComparison.Ordinal);
        await AssertNothingDecidedAsync(escalation);
        Assert.False(await host.Services.GetRequiredService<Mobilitet.Workflows.DecisionLinks.IDecisionLinkLedger>().IsUsedAsync(LinkOf(escalation, token), CancellationToken.None)); // given back
    }

    /// <summary>A link's own refusal page: its status and heading, a pointer to Eskaleringer in the web UI, and no form.</summary>
    private static async Task AssertRefusedLinkPageAsync(HttpResponseMessage response, HttpStatusCode status, string heading)
    {
        Assert.Equal(status, response.StatusCode);
        AssertPageHeaders(response);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h2 class=\"alert-heading\">{heading}</h2>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/eskaleringer\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
    }

    internal static void AssertPageHeaders(HttpResponseMessage response)
    {
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(directive => directive.Split(' ')[0], directive => directive.Split(' ')[1..]);
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["style-src"]);
        Assert.Equal(["'self'"], directives["form-action"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.Equal(["'self'"], directives["base-uri"]);
        Assert.DoesNotContain(directives.Values.SelectMany(values => values), value => value.StartsWith("'unsafe", StringComparison.Ordinal));
        Assert.Equal(["same-origin"], response.Headers.GetValues("Referrer-Policy"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    private static string PagePath(string escalationId, string? token = null) =>
        $"/api/escalations/{escalationId}/decide" + (token is null ? string.Empty : "?token=" + Uri.EscapeDataString(token));

    private static async Task<(string Name, string Value)> FormAsync(PageClient client, string escalation, string token)
    {
        using var page = await client.GetAsync(PagePath(escalation, token));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return ("__RequestVerificationToken", PageClient.AntiforgeryToken(await page.Content.ReadAsStringAsync()));
    }

    private static IEnumerable<KeyValuePair<string, string>> Fields(params (string Name, string Value)[] fields) =>
        fields.Select(field => KeyValuePair.Create(field.Name, field.Value));

    /// <summary>An open level-1 escalation on an agreement stored without a workflow, and a valid link token for it.</summary>
    private async Task<(string EscalationId, string Token)> OpenEscalationAsync()
    {
        var agreementId = await host.StoreWithoutOrchestrationAsync();
        var escalationId = EscalationIds.For(agreementId, "move");
        await host.Services.GetRequiredService<IEscalationRepository>().SaveAsync(
            new EscalationRecord
            {
                EscalationId = escalationId,
                AgreementId = agreementId,
                Reason = EscalationReason.MoveOverdue,
                Subject = "move",
                Level = 1,
                Status = EscalationStatus.Open,
                RaisedAt = DateTimeOffset.UtcNow,
                LevelDeadline = DateTimeOffset.UtcNow.AddDays(3),
            },
            CancellationToken.None);
        return (escalationId, await LinkTokenAsync(host, escalationId, DateTimeOffset.UtcNow.AddDays(3)));
    }

    private Mobilitet.Workflows.DecisionLinks.DecisionLink LinkOf(string escalationId, string token) =>
        host.Services.GetRequiredService<ProtectedDecisionLinks>().Read(escalationId, token).Link ?? throw new InvalidOperationException("Not a valid link.");

    /// <summary>A supervisor of Aarhus signed in with an email address (the development identity accepts the header).</summary>
    private static string SupervisorWithEmail(string email) =>
        Mobilitet.Workflows.Hosting.Identity.ClientPrincipal.Write("oid-" + email, "Tilsyn", [Mobilitet.Workflows.Identity.Roles.Supervisor], ["0751"], email: email);

    /// <summary>The token of a level-1 decision link (to <see cref="AgreementForms.Supervisor1"/> unless said), as the escalation email carries it.</summary>
    internal static async Task<string> LinkTokenAsync(LifecycleHost host, string escalationId, DateTimeOffset expiresAt, string recipient = AgreementForms.Supervisor1)
    {
        var link = await host.Services.GetRequiredService<ProtectedDecisionLinks>().CreateAsync(escalationId, 1, recipient, expiresAt, CancellationToken.None);
        return Uri.UnescapeDataString(link.Query["?token=".Length..]);
    }

    private async Task AssertNothingDecidedAsync(string escalationId)
    {
        Assert.True(EscalationIds.TryParseAgreementId(escalationId, out var agreementId));
        Assert.Null(await host.Services.GetRequiredService<IDecisionLog>().FindAsync(agreementId, escalationId, CancellationToken.None));
    }
}
