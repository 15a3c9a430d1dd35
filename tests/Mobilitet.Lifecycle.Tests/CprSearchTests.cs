using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The caseworker's search by CPR number — POST /api/agreements/search and the POST form on /aftaler — through the keyed
/// hash in the person-key index: only agreements of the caseworker's municipalities, Danish refusals, each find audited,
/// and the number never in an address, a page or a log.
/// </summary>
public sealed class CprSearchTests(RealDayHost host) : IClassFixture<RealDayHost>, IAsyncLifetime
{
    private const string Cpr = "230591-2745";
    private const string OtherCpr = "230591-2746";
    private const string SearchRoute = "/api/agreements/search";

    // xunit makes an instance per test; the agreements are made once for the class (its one host).
    private static readonly Lock Gate = new();
    private static Task<(string Aarhus, string AarhusOther, string Copenhagen)>? stored;

    private string aarhus = string.Empty;
    private string aarhusOther = string.Empty;
    private string copenhagen = string.Empty;

    public async Task InitializeAsync()
    {
        lock (Gate)
        {
            stored ??= StoreAsync();
        }

        (aarhus, aarhusOther, copenhagen) = await stored;
    }

    private async Task<(string, string, string)> StoreAsync()
    {
        var first = await CreateAsync(Cpr, "0751");
        var other = await CreateAsync(OtherCpr, "0751");
        return (first, other, await CreateAsync(Cpr, "0101"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_caseworker_finds_the_residents_agreements_in_their_municipalities_only_in_either_cpr_form()
    {
        foreach (var cpr in new[] { Cpr, "2305912745", " 230591-2745 " })
        {
            using var response = await SearchAsync(PageForms.AarhusCaseworker, new JsonObject { ["cpr"] = cpr });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var found = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
            Assert.Equal([aarhus], found.Select(agreement => agreement.Text("agreementId")));
        }

        using var copenhagenSearch = await SearchAsync(PageForms.CopenhagenCaseworker, new JsonObject { ["cpr"] = Cpr });
        Assert.Equal([copenhagen], (await copenhagenSearch.Content.ReadFromJsonAsync<JsonArray>())!.Select(agreement => agreement.Text("agreementId")));
        using var both = await SearchAsync(TestIdentities.Person("cw-both", [Roles.Caseworker], "0751", "0101"), new JsonObject { ["cpr"] = Cpr });
        Assert.Equal([copenhagen, aarhus], (await both.Content.ReadFromJsonAsync<JsonArray>())!.Select(agreement => agreement.Text("agreementId"))); // newest first
        using var nobody = await SearchAsync(PageForms.AarhusCaseworker, new JsonObject { ["cpr"] = "010101-0000" });
        Assert.Empty((await nobody.Content.ReadFromJsonAsync<JsonArray>())!);
    }

    [Fact]
    public async Task Each_agreement_found_is_audited_and_the_cpr_number_is_in_no_log()
    {
        var searcher = TestIdentities.Person("cw-audit", [Roles.Caseworker], "0751");
        using var response = await SearchAsync(searcher, new JsonObject { ["cpr"] = OtherCpr });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var audited = await host.Services.GetRequiredService<IAuditLog>().ListAsync(DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        var entry = Assert.Single(audited, e => e.UserId == "cw-audit");
        Assert.Equal((aarhusOther, AuditAction.FoundByCprSearch), (entry.AgreementId, entry.Action));
        var logs = string.Join('\n', host.Logs.Lines);
        Assert.All(new[] { Cpr, OtherCpr, "2305912745", "2305912746" }, cpr => Assert.DoesNotContain(cpr, logs, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"cpr\": \"1234\"}", "CPR-nummeret skal bestå af 10 cifre (DDMMÅÅ-XXXX).")]
    [InlineData("{\"cpr\": \"320591-2745\"}", "CPR-nummeret har en ugyldig dato.")]
    [InlineData("{\"cpr\": \"\"}", "Feltet skal udfyldes.")]
    [InlineData("{}", "Feltet skal udfyldes.")]
    [InlineData("{\"cpr\": 2305912745}", "Værdien har en forkert type.")]
    public async Task An_invalid_cpr_number_gets_danish_problem_details_400(string body, string message)
    {
        using var response = await SearchAsync(PageForms.AarhusCaseworker, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(message, problem["errors"]!["cpr"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Nobody_others_than_caseworkers_and_bodies_other_than_json_are_refused()
    {
        using var anonymous = new HttpClient { BaseAddress = host.Api.BaseAddress };
        using (var response = await anonymous.PostAsJsonAsync(SearchRoute, new JsonObject { ["cpr"] = Cpr }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        foreach (var person in new[] { PageForms.Monitoring, PageForms.AarhusFinanceApprover, TestIdentities.Person("admin-1", [Roles.Administrator], "0751") })
        {
            using var refused = await SearchAsync(person, new JsonObject { ["cpr"] = Cpr });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var client = new HttpClient { BaseAddress = host.Api.BaseAddress }.SignedInAs(PageForms.AarhusCaseworker);
        using var form = await client.PostAsync(SearchRoute, new FormUrlEncodedContent([KeyValuePair.Create("cpr", Cpr)]));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
    }

    [Fact]
    public async Task The_aftaler_page_searches_by_cpr_through_a_post_form_and_shows_the_agreements_without_the_number()
    {
        using var pages = new PageClient(host.Api.BaseAddress!, PageForms.AarhusCaseworker);
        using (var list = await pages.GetAsync("/aftaler"))
        {
            var document = PageForms.Parse(await list.Content.ReadAsStringAsync());
            var form = document.QuerySelector("form[method=post][action='/aftaler']");
            Assert.NotNull(form);
            Assert.NotNull(form.QuerySelector("input[name=cpr]"));
            Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        }

        using var response = await pages.SubmitAsync("/aftaler", "/aftaler", ("cpr", Cpr));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"/aftaler/{aarhus}", html, StringComparison.Ordinal);
        Assert.DoesNotContain(copenhagen, html, StringComparison.Ordinal);
        Assert.DoesNotContain(aarhusOther, html, StringComparison.Ordinal);
        Assert.DoesNotContain("230591", html, StringComparison.Ordinal);
        Assert.Contains("1 aftale med det CPR-nummer i dine kommuner", PageForms.Parse(html).QuerySelector(".result-count")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_refuses_an_invalid_number_by_its_field_a_post_without_antiforgery_and_a_person_who_is_no_caseworker()
    {
        using var pages = new PageClient(host.Api.BaseAddress!, PageForms.AarhusCaseworker);
        using (var invalid = await pages.SubmitAsync("/aftaler", "/aftaler", ("cpr", "23059")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            var document = PageForms.Parse(await invalid.Content.ReadAsStringAsync());
            Assert.Equal("true", document.QuerySelector("input[name=cpr]")!.GetAttribute("aria-invalid"));
            Assert.Contains("CPR-nummeret skal bestå af 10 cifre", document.QuerySelector("[data-module=error-summary]")!.Text(), StringComparison.Ordinal);
        }

        using (var forged = await pages.PostFormAsync("/aftaler", [KeyValuePair.Create("cpr", Cpr)]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.DoesNotContain(aarhus, await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var monitoring = new PageClient(host.Api.BaseAddress!, PageForms.Monitoring);
        using (var list = await monitoring.GetAsync("/aftaler"))
        {
            Assert.Null(PageForms.Parse(await list.Content.ReadAsStringAsync()).QuerySelector("input[name=cpr]"));
        }

        using var refused = await monitoring.PostFormAsync("/aftaler", [KeyValuePair.Create("cpr", Cpr)]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private async Task<string> CreateAsync(string cpr, string municipality)
    {
        var form = AgreementForms.Valid(AgreementForms.Today.AddDays(30));
        form["municipalityCode"] = municipality;
        form["resident"]!["cpr"] = cpr;
        return await host.CreateAsync(form);
    }

    private Task<HttpResponseMessage> SearchAsync(string person, JsonObject body) => SearchAsync(person, body.ToJsonString());

    private async Task<HttpResponseMessage> SearchAsync(string person, string body)
    {
        using var client = new HttpClient { BaseAddress = host.Api.BaseAddress }.SignedInAs(person);
        return await client.PostAsync(SearchRoute, new StringContent(body, Encoding.UTF8, "application/json"));
    }
}
