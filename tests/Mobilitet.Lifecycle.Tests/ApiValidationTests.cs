using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>Bad input gets a 400 with per-field Danish errors, and nothing is created or changed.</summary>
public sealed class ApiValidationTests(HourDayHost host) : IClassFixture<HourDayHost>
{
    private static JsonObject Form() => AgreementForms.Valid(AgreementForms.Today.AddDays(30));

    /// <summary>Because; where (a dotted path into the form); the JSON to put there (null removes it); the field the error is on; the message.</summary>
    public static TheoryData<string, string, string?, string, string> InvalidForms => new()
    {
        { "CPR with an impossible date", "resident.cpr", "\"3102901234\"", "resident.cpr", "CPR-nummeret har en ugyldig dato." },
        { "CPR too short", "resident.cpr", "\"12345\"", "resident.cpr", "CPR-nummeret skal bestå af 10 cifre (DDMMÅÅ-XXXX)." },
        { "unknown direction", "direction", "\"sideways\"", "direction", "Værdien skal være en af: out, in." },
        { "negative resource draw", "baseline.resourceDrawDkk", "-1", "baseline.resourceDrawDkk", "Beløbet må ikke være negativt." },
        { "rate above one", "baseline.selfSufficiencyRate", "1.2", "baseline.selfSufficiencyRate", "Værdien skal ligge mellem 0 og 1." },
        { "missing housing association", "housingAssociation", null, "housingAssociation", "Feltet skal udfyldes." },
        { "unknown municipality", "municipalityCode", "\"0999\"", "municipalityCode", "Kommunekoden findes ikke." },
        { "municipality not four digits", "municipalityCode", "\"751\"", "municipalityCode", "Kommunekoden skal bestå af 4 cifre." },
        { "no supervisors", "supervisors", "[]", "supervisors", "Angiv mindst én tilsynsperson (niveau 1 først)." },
        { "invalid caseworker email", "caseworker.email", "\"ikke-en-mail\"", "caseworker.email", "E-mailadressen er ikke gyldig." },
        { "planned date in the past", "plannedMoveDate", "\"2020-01-15\"", "plannedMoveDate", "Den planlagte flyttedato må ikke ligge før i dag." },
        { "date in another format", "plannedMoveDate", "\"15-01-2030\"", "plannedMoveDate", "Datoen skal skrives som ÅÅÅÅ-MM-DD og være en gyldig dato." },
        { "amount as text", "financing.requestedDkk", "\"mange penge\"", "financing.requestedDkk", "Værdien har en forkert type." },
        { "zero requested", "financing.requestedDkk", "0", "financing.requestedDkk", "Beløbet skal være større end 0." },
        { "unknown field", "favouriteColour", "\"blå\"", "favouriteColour", "Feltet er ukendt." },
        { "unknown policy", "policy", "\"standard-v0\"", "policy", "Politikken findes ikke." },
    };

    [Theory]
    [MemberData(nameof(InvalidForms))]
    public async Task An_invalid_form_is_rejected_with_a_danish_error_on_the_field_and_creates_nothing(string because, string path, string? json, string field, string message)
    {
        var form = Form();
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate((JsonNode)form, (node, part) => node[part]!).AsObject();
        parent.Remove(parts[^1]);
        if (json is not null)
        {
            parent[parts[^1]] = JsonNode.Parse(json);
        }

        var before = await CountAsync();
        using var response = await host.Api.PostAsync(new Uri("/api/agreements", UriKind.Relative), new StringContent(form.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.Equal("Oplysningerne er ikke gyldige", problem.Text("title"));
        Assert.Contains(message, problem["errors"]![field]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Several_missing_fields_are_reported_together()
    {
        using var response = await host.Api.PostAsync(new Uri("/api/agreements", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Superset(
            new HashSet<string> { "municipalityCode", "housingAssociation", "direction", "fromArea", "resident", "caseworker", "supervisors", "baseline", "financing", "plannedMoveDate" },
            errors.Select(pair => pair.Key).ToHashSet());
    }

    [Theory]
    [InlineData("{\"municipalityCode\": ")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task A_body_that_is_not_json_is_a_400(string body)
    {
        using var response = await host.Api.PostAsync(new Uri("/api/agreements", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Forespørgslen skal være gyldig JSON.", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["body"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_is_read()
    {
        var form = Form();
        form["fromArea"] = new string('x', 70_000);

        using var response = await host.Api.PostAsync(new Uri("/api/agreements", UriKind.Relative), new StringContent(form.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("for stor", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["body"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_agreements_and_escalations_are_404()
    {
        using var get = await host.Api.GetAsync(new Uri("/api/agreements/fa-00000000000000000000", UriKind.Relative));
        using var step = await host.PostAsync("/api/agreements/fa-00000000000000000000/consent", Steps.Consent("given"));
        using var malformed = await host.Api.GetAsync(new Uri("/api/agreements/0101901234", UriKind.Relative));
        using var decision = await host.PostAsync("/api/escalations/fa-00000000000000000000-esc-m12/decision", new JsonObject { ["decision"] = "close" });

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, step.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, decision.StatusCode);
        Assert.Equal("Flytteaftalen findes ikke", JsonNode.Parse(await get.Content.ReadAsStringAsync()).Text("title"));
    }

    [Fact]
    public async Task A_step_with_an_invalid_body_changes_nothing()
    {
        // At a real day: the consent deadline cannot end the agreement while the test looks at it.
        var id = await host.StartStoredAsync();

        using var response = await host.PostAsync($"/api/agreements/{id}/consent", Steps.Consent("maybe"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("AwaitingConsent", (await host.GetAsync(id)).Text("status"));
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    [Fact]
    public async Task The_list_filters_by_municipality_and_status_from_the_read_model()
    {
        var form = Form();
        form["municipalityCode"] = "0461"; // Odense
        var id = await host.CreateAsync(form);

        var inOdense = await ListAsync("?municipality=0461&status=AwaitingConsent");
        var elsewhere = await ListAsync("?municipality=0101");
        using var badStatus = await host.Api.GetAsync(new Uri("/api/agreements?status=Sleeping", UriKind.Relative));

        Assert.Contains(inOdense, a => a.Text("agreementId") == id && a.Text("municipality") == "Odense");
        Assert.DoesNotContain(elsewhere, a => a.Text("agreementId") == id);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
        Assert.DoesNotContain(await ListAsync("?municipality=0461&status=AwaitingConsent"), a => a.Text("agreementId") == id);
    }

    private async Task<int> CountAsync() => (await ListAsync(string.Empty)).Count;

    private async Task<List<JsonNode>> ListAsync(string query)
    {
        using var response = await host.Api.GetAsync(new Uri("/api/agreements" + query, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(node => node!).ToList();
    }
}
