using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// Who may do what, through the API: nobody signed in gets 401; a person works within their roles and
/// municipalities (403 otherwise, nothing read or changed); personal data only for the agreement's
/// caseworkers, every view in the audit log; an emailed decision link still works without login.
/// </summary>
public sealed class AccessTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    private static readonly string AarhusCaseworker = TestIdentities.Person("cw-aarhus", [Roles.Caseworker], "0751");
    private static readonly string OdenseCaseworker = TestIdentities.Person("cw-odense", [Roles.Caseworker], "0461");
    private static readonly string AarhusApprover = TestIdentities.Person("fa-aarhus", [Roles.FinanceApprover], "0751");
    private static readonly string AarhusSupervisor = TestIdentities.Person("sup-aarhus", [Roles.Supervisor], "0751");
    private static readonly string MonitoringUnit = TestIdentities.Person("mon-1", [Roles.Monitoring]);
    private static readonly string Administrator = TestIdentities.Person("admin-1", [Roles.Administrator]);

    [Fact]
    public async Task Nobody_signed_in_gets_401_on_every_route_but_the_emailed_decision_page()
    {
        // At a real day: the consent deadline cannot end the agreement while the test looks at it.
        var id = await host.StartStoredAsync();
        using var anonymous = new HttpClient { BaseAddress = host.Api.BaseAddress };

        foreach (var (method, path) in new[]
        {
            ("GET", "/api/agreements"), ("GET", $"/api/agreements/{id}"), ("GET", $"/api/agreements/{id}/personal-data"), ("GET", $"/api/agreements/{id}/status"),
            ("POST", "/api/agreements"), ("POST", $"/api/agreements/{id}/consent"), ("POST", $"/api/agreements/{id}/cancel"),
            ("GET", "/api/municipalities"), ("GET", "/api/audit"), ("GET", "/api/outbox"),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST")
            {
                request.Content = System.Net.Http.Json.JsonContent.Create(new JsonObject { ["decision"] = "given", ["reason"] = "x" });
            }

            using var response = await anonymous.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal("AwaitingConsent", (await host.GetAsync(id)).Text("status"));
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
    }

    [Fact]
    public async Task A_caseworker_of_another_municipality_can_neither_read_list_count_nor_change_an_agreement()
    {
        // An Aarhus agreement at a real day: the consent deadline cannot end it while the test looks at it.
        var id = await host.StartStoredAsync();
        using var odense = Client(OdenseCaseworker);

        await AssertStatusAsync(HttpStatusCode.Forbidden, await odense.GetAsync(new Uri($"/api/agreements/{id}", UriKind.Relative)));
        await AssertStatusAsync(HttpStatusCode.Forbidden, await odense.GetAsync(new Uri($"/api/agreements/{id}/personal-data", UriKind.Relative)));
        await AssertStatusAsync(HttpStatusCode.Forbidden, await odense.GetAsync(new Uri($"/api/agreements/{id}/status", UriKind.Relative)));
        await AssertStatusAsync(HttpStatusCode.Forbidden, await odense.GetAsync(new Uri("/api/agreements?municipality=0751", UriKind.Relative)));
        await AssertStatusAsync(HttpStatusCode.Forbidden, await new AgreementApi(odense).PostAsync($"/api/agreements/{id}/consent", Steps.Consent("given")));
        await AssertStatusAsync(HttpStatusCode.Forbidden, await new AgreementApi(odense).PostAsync($"/api/agreements/{id}/cancel", Steps.Cancel("Forkert kommune")));
        await AssertStatusAsync(HttpStatusCode.Forbidden, await new AgreementApi(odense).PostAsync("/api/agreements", AgreementForms.Valid(AgreementForms.Today.AddDays(30))));

        using var list = await odense.GetAsync(new Uri("/api/agreements", UriKind.Relative));
        Assert.DoesNotContain(JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray(), agreement => agreement.Text("municipalityCode") == "0751");
        Assert.Equal("AwaitingConsent", (await host.GetAsync(id)).Text("status"));

        // Their own municipality's caseworker can.
        var aarhus = new AgreementApi(Client(AarhusCaseworker));
        Assert.Equal(id, (await aarhus.GetAsync(id)).Text("agreementId"));
        await aarhus.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    [Fact]
    public async Task Only_finance_approvers_decide_financing_and_only_supervisors_decide_escalations()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m, policy: TestPolicies.UnhurriedConsent.Name));
        await new AgreementApi(Client(AarhusCaseworker)).StepAsync(id, "consent", Steps.Consent("given"));
        var escalationId = (await host.WaitForAsync(id, a => a.Array("escalations").Count > 0, "the financing escalation"))
            .Array("escalations")[0].Text("escalationId");

        await AssertStatusAsync(HttpStatusCode.Forbidden, await new AgreementApi(Client(AarhusCaseworker)).PostAsync($"/api/agreements/{id}/financing", Steps.Financing("approved")));
        await AssertStatusAsync(HttpStatusCode.Forbidden, await new AgreementApi(Client(AarhusApprover)).PostAsync($"/api/escalations/{escalationId}/decision", new JsonObject { ["decision"] = "close" }));
        await AssertStatusAsync(HttpStatusCode.Forbidden, await new AgreementApi(Client(MonitoringUnit)).PostAsync($"/api/agreements/{id}/cancel", Steps.Cancel("x")));

        await new AgreementApi(Client(AarhusSupervisor)).PostAsync($"/api/escalations/{escalationId}/decision", new JsonObject { ["decision"] = "acknowledged" });
        await host.WaitForAsync(id, a => a.Array("escalations")[0].Text("status") == "Decided", "the supervisor's decision");
        await new AgreementApi(Client(AarhusApprover)).StepAsync(id, "financing", Steps.Financing("approved"));
        await host.WaitForStatusAsync(id, "AwaitingMove");
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
    }

    [Fact]
    public async Task Personal_data_is_shown_masked_to_the_agreements_caseworkers_only_and_every_view_is_audited()
    {
        var id = await host.StartStoredAsync(); // at a real day: its consent cannot expire before the cancel at the end

        using var caseworker = Client(AarhusCaseworker);
        using var shown = await caseworker.GetAsync(new Uri($"/api/agreements/{id}/personal-data", UriKind.Relative));
        var data = JsonNode.Parse(await shown.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("010190-xxxx", data["resident"].Text("cpr"));
        Assert.Equal(AgreementForms.ResidentName, data["resident"].Text("name"));
        Assert.Equal(AgreementForms.CaseworkerEmail, data["caseworker"].Text("email"));

        foreach (var refused in new[] { MonitoringUnit, Administrator, AarhusApprover, AarhusSupervisor })
        {
            await AssertStatusAsync(HttpStatusCode.Forbidden, await Client(refused).GetAsync(new Uri($"/api/agreements/{id}/personal-data", UriKind.Relative)));
        }

        // The monitoring unit reads the agreement itself, with no personal data in it.
        using var monitored = await Client(MonitoringUnit).GetAsync(new Uri($"/api/agreements/{id}", UriKind.Relative));
        Assert.DoesNotContain(AgreementForms.ResidentName, await monitored.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var audited = await host.Services.GetRequiredService<IAuditLog>().ListAsync(DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        var entry = Assert.Single(audited, e => e.AgreementId == id && e.Action == AuditAction.ViewedPersonalData);
        Assert.Equal(("cw-aarhus", AuditAction.ViewedPersonalData), (entry.UserId, entry.Action));
        Assert.Equal([Roles.Caseworker], entry.Roles);

        await AssertStatusAsync(HttpStatusCode.Forbidden, await caseworker.GetAsync(new Uri("/api/audit", UriKind.Relative)));
        using var log = await Client(Administrator).GetAsync(new Uri("/api/audit", UriKind.Relative));
        Assert.Contains(JsonNode.Parse(await log.Content.ReadAsStringAsync())!.AsArray(), e => e.Text("agreementId") == id && e.Text("userId") == "cw-aarhus");
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
    }

    [Fact]
    public void A_principal_header_with_unknown_roles_or_municipalities_grants_nothing_beyond_the_known_ones()
    {
        var header = ClientPrincipal.Write("x", "X", ["caseworker", "god-mode"], ["0751", "9999", "' or 1 eq 1"]);

        var user = ClientPrincipal.Read(header, "municipality", isDevelopment: false)!;

        Assert.Equal(["caseworker"], user.Roles);
        Assert.Equal(["0751"], user.Municipalities);
        Assert.Null(ClientPrincipal.Read("not base64!", "municipality", isDevelopment: false));
        Assert.Null(ClientPrincipal.Read(Convert.ToBase64String("{\"claims\":[]}"u8.ToArray()), "municipality", isDevelopment: false));
    }

    private HttpClient Client(string principal) => new HttpClient { BaseAddress = host.Api.BaseAddress }.SignedInAs(principal);

    private static async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}

/// <summary>With the development identity off, a client's own X-MS-CLIENT-PRINCIPAL header counts for nothing.</summary>
public sealed class IdentityProxyTests(BehindIdentityProxyHost host) : IClassFixture<BehindIdentityProxyHost>
{
    [Fact]
    public async Task A_principal_header_from_a_client_that_is_not_the_identity_proxy_is_ignored()
    {
        using var response = await host.Api.GetAsync(new Uri("/api/agreements", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
