using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// Every error is problem details with a Danish title, also the ones the framework answers itself;
/// every response says nosniff; bodies with duplicate fields or tricky text create nothing.
/// </summary>
public sealed class RequestHygieneTests(HourDayHost host) : IClassFixture<HourDayHost>
{
    private static JsonObject Form() => AgreementForms.Valid(AgreementForms.Today.AddDays(30));

    [Theory]
    [InlineData("GET", "/api/nothing-here", 404, "Adressen findes ikke")]
    [InlineData("GET", "/findes-ikke", 404, "Adressen findes ikke")]
    [InlineData("POST", "/api/agreements/fa-00000000000000000000/teleport", 404, "Adressen findes ikke")]
    [InlineData("DELETE", "/api/agreements", 405, "Metoden er ikke tilladt")]
    [InlineData("PUT", "/api/municipalities", 405, "Metoden er ikke tilladt")]
    [InlineData("GET", "/api/agreements/fa-00000000000000000000/consent", 405, "Metoden er ikke tilladt")]
    [InlineData("GET", "/api/outbox?max=abc", 400, "Forespørgslen er ugyldig")]
    [InlineData("GET", "/api/outbox?max=99999999999", 400, "Forespørgslen er ugyldig")]
    public async Task An_error_the_framework_answers_is_danish_problem_details(string method, string path, int status, string title)
    {
        using var response = await SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));

        await AssertProblemAsync(response, status, title);
    }

    [Fact]
    public async Task Problem_details_are_written_also_to_a_client_that_asks_for_html()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/nothing-here", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await SendAsync(request);

        await AssertProblemAsync(response, 404, "Adressen findes ikke");
    }

    [Theory]
    [InlineData("/api/agreements?status=AwaitingConsent&status=Cancelled", "status")]
    [InlineData("/api/agreements?municipality=0751&MUNICIPALITY=0461", "municipality")]
    [InlineData("/api/outbox?max=1&max=2", "max")]
    [InlineData("/api/outbox?max=1&m%61x=1&max=1", "max")]
    [InlineData("/api/escalations/fa-00000000000000000000-esc-move/decide?token=a&token=b", "token")]
    public async Task A_query_parameter_given_twice_is_a_400_naming_it(string path, string parameter)
    {
        using var response = await host.Api.GetAsync(new Uri(path, UriKind.Relative));

        var problem = await AssertProblemAsync(response, 400, "Oplysningerne er ikke gyldige");
        Assert.Equal(["Parameteren må kun angives én gang."], Messages(problem, parameter));
    }

    [Theory]
    [InlineData(9 * 1024)]   // over our limit, and over Kestrel's default request line (8 KB)
    [InlineData(20 * 1024)]
    public async Task A_url_too_long_is_a_414_problem_and_creates_nothing(int length)
    {
        var before = await CountAsync();
        var path = "/api/agreements?note=" + new string('x', length);

        using var get = await host.Api.GetAsync(new Uri(path, UriKind.Relative));
        using var post = await host.Api.PostAsync(new Uri(path, UriKind.Relative), Json(Form().ToJsonString()));

        var problem = await AssertProblemAsync(get, 414, "Adressen er for lang");
        Assert.Contains("8 KB", problem.Text("detail"), StringComparison.Ordinal);
        await AssertProblemAsync(post, 414, "Adressen er for lang");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_url_just_within_the_limit_is_answered()
    {
        var path = "/api/agreements?municipality=0751&x=";
        using var response = await host.Api.GetAsync(new Uri(path + new string('x', (8 * 1024) - path.Length), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Every_response_says_nosniff()
    {
        using var ok = await host.Api.GetAsync(new Uri("/api/municipalities", UriKind.Relative));
        using var notFound = await host.Api.GetAsync(new Uri("/api/agreements/fa-00000000000000000000", UriKind.Relative));
        using var invalid = await host.Api.PostAsync(new Uri("/api/agreements", UriKind.Relative), Json("{}"));
        using var noRoute = await host.Api.GetAsync(new Uri("/nothing", UriKind.Relative));

        foreach (var response in new[] { ok, notFound, invalid, noRoute })
        {
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        }
    }

    /// <summary>Where the form's JSON has <c>find</c>, the body has <c>replace</c>; the field the error is on; the message.</summary>
    public static TheoryData<string, string, string, string> TrickyForms => new()
    {
        { "\"municipalityCode\":\"0751\"", "\"municipalityCode\":\"9999\",\"MUNICIPALITYCODE\":\"0751\"", "municipalityCode", "Feltet står flere gange." },
        { "\"cpr\":\"010190-1234\"", "\"cpr\":\"010190-1234\",\"Cpr\":\"020290-1234\"", "resident.cpr", "Feltet står flere gange." },
        { "\"fromArea\":\"Gellerupparken\"", "\"fromArea\":\"Gellerup\\u202Eparken\"", "fromArea", "Teksten må ikke indeholde tegn, der ændrer skriveretningen." },
        { "\"fromArea\":\"Gellerupparken\"", "\"fromArea\":\"Gellerup\\nparken\"", "fromArea", "Feltet må kun have én linje (ingen linjeskift)." },
        { "\"housingAssociation\":\"Brabrand Boligforening\"", "\"housingAssociation\":\"\\u200B\\u2060\"", "housingAssociation", "Teksten består kun af usynlige tegn." },
        { "\"toArea\":\"Viby\"", "\"toArea\":\"Viby\\u0007\"", "toArea", "Teksten må ikke indeholde styretegn." },
        { "\"toArea\":\"Viby\"", "\"toArea\":\"Viby\\uFDD0\"", "toArea", "Teksten indeholder ugyldige tegn." },
        { "\"toArea\":\"Viby\"", "\"toArea\":\"Vi\\uD800by\"", "toArea", "Teksten indeholder ugyldige tegn." },
        { "\"email\":\"soeren.sagsbehandler@kommune.example.dk\"", "\"email\":\"soeren@[127.0.0.1]\"", "caseworker.email", "E-mailadressen skal have et domænenavn, ikke en IP-adresse." },
    };

    [Theory]
    [MemberData(nameof(TrickyForms))]
    public async Task A_form_with_a_duplicate_field_or_tricky_text_is_a_400_on_the_field_and_creates_nothing(string find, string replace, string field, string message)
    {
        var json = Form().ToJsonString();
        Assert.Contains(find, json, StringComparison.Ordinal);
        var before = await CountAsync();

        using var response = await host.Api.PostAsync(new Uri("/api/agreements", UriKind.Relative), Json(json.Replace(find, replace, StringComparison.Ordinal)));

        var problem = await AssertProblemAsync(response, 400, "Oplysningerne er ikke gyldige");
        Assert.Contains(message, Messages(problem, field));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Accepted_text_is_stored_in_nfc()
    {
        var form = Form();
        form["fromArea"] = "A\u030Arhus V"; // Å as A + combining ring
        var id = await host.CreateAsync(form);

        Assert.Equal("Århus V", (await host.GetAsync(id)).Text("fromArea"));
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_body_that_is_not_declared_json_is_a_415_and_creates_nothing(string contentType)
    {
        var before = await CountAsync();
        using var content = new StringContent(Form().ToJsonString());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await host.Api.PostAsync(new Uri("/api/agreements", UriKind.Relative), content);

        await AssertProblemAsync(response, 415, "Forespørgslen skal være JSON");
        Assert.Equal(before, await CountAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await host.Api.SendAsync(request);
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, int status, string title)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.Equal(title, problem.Text("title"));
        Assert.False(string.IsNullOrWhiteSpace(problem.Text("detail")));
        return problem;
    }

    private static string[] Messages(JsonNode problem, string field) =>
        problem["errors"]?[field]?.AsArray().Select(message => message!.GetValue<string>()).ToArray() ?? [];

    private async Task<int> CountAsync()
    {
        using var response = await host.Api.GetAsync(new Uri("/api/agreements", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Count;
    }
}

/// <summary>Without Links:PublicBaseUrl, links in emails point at the address the host really listens on.</summary>
public sealed class PublicAddressTests(ListeningAddressHost host) : IClassFixture<ListeningAddressHost>
{
    [Fact]
    public async Task Links_in_emails_start_with_the_address_the_host_listens_on()
    {
        var listening = host.Api.BaseAddress!; // http://127.0.0.1:<the port Kestrel chose>
        Assert.NotEqual(0, listening.Port);
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30), requestedDkk: 50_000m));
        await host.StepAsync(id, "consent", Steps.Consent("given"));

        var email = Assert.Single(
            await host.WaitForEmailsAsync(id, emails => emails.Any(e => e.Is("FinancingDecisionRequested")), "the approver's email"),
            e => e.Is("FinancingDecisionRequested"));

        Assert.Contains(new Uri(listening, $"/api/agreements/{id}").ToString(), email.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{new Uri(listening, $"/api/agreements/{id}")}\"", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost:7071", email.Text, StringComparison.Ordinal);
        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
        await host.WaitForStatusAsync(id, "Cancelled");
    }
}
