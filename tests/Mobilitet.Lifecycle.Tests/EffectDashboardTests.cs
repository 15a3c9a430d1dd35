using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Identity;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The effect dashboard through the local host's HTTP pipeline on Azurite: who may see it (and for which
/// municipalities), the JSON's shape and numbers, the CSV download, the page, and the Danish problems for bad filters.
/// The read model is filled directly (no workflow needed for aggregates): Aarhus with six agreements out of
/// Gellerupparken (five measured at M3) and three out of Bispehaven, Odense with six into Vollsmose (a "move"
/// escalation each, one unresolved), and five in Copenhagen that the monitoring person here does not hold.
/// </summary>
public sealed class EffectDashboardTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    private const string Route = "/api/effects";
    private const string Aarhus = "0751";
    private const string Odense = "0461";
    private const string Copenhagen = "0101";

    private static readonly string Monitoring = TestIdentities.Person("mon-effects", [Roles.Monitoring], Aarhus, Odense);

    private HttpClient Client(string? principal)
    {
        var client = new HttpClient { BaseAddress = host.Api.BaseAddress };
        return principal is null ? client : client.SignedInAs(principal);
    }

    private Task SeedAsync() => EffectSamples.SeedAsync(host.Services);

    private static readonly string[] EscalationFields = ["opened", "resolved", "unresolved"];

    /// <summary>A figure as text: a number, or the string "&lt;5".</summary>
    private static string Figure(JsonNode node) => node.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)node! : node.ToJsonString();

    private static async Task<JsonNode> ProblemAsync(HttpStatusCode status, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task Only_the_monitoring_unit_and_administrators_see_the_effects_and_only_for_the_municipalities_they_hold()
    {
        await SeedAsync();

        using var anonymous = Client(null);
        Assert.Equal("Login kræves", (string?)(await ProblemAsync(HttpStatusCode.Unauthorized, await anonymous.GetAsync(Route)))["title"]);
        foreach (var role in new[] { Roles.Caseworker, Roles.FinanceApprover, Roles.Supervisor })
        {
            using var client = Client(TestIdentities.Person($"{role}-effects", [role], Aarhus));
            Assert.Equal("Adgang nægtet", (string?)(await ProblemAsync(HttpStatusCode.Forbidden, await client.GetAsync(Route)))["title"]);
        }

        using var withoutMunicipality = Client(TestIdentities.Person("mon-none", [Roles.Monitoring]));
        await ProblemAsync(HttpStatusCode.Forbidden, await withoutMunicipality.GetAsync(Route));
        using var monitoring = Client(Monitoring);
        await ProblemAsync(HttpStatusCode.Forbidden, await monitoring.GetAsync($"{Route}?municipality={Copenhagen}"));

        // An administrator of Aarhus sees Aarhus's nine; the monitoring person Aarhus and Odense (Copenhagen's five never).
        using var administrator = Client(TestIdentities.Person("admin-effects", [Roles.Administrator], Aarhus));
        var aarhus = JsonNode.Parse(await administrator.GetStringAsync(Route))!;
        Assert.Equal(9, (int)aarhus["total"]!["agreements"]!);
        var both = JsonNode.Parse(await monitoring.GetStringAsync(Route))!;
        Assert.Equal([Odense, Aarhus], both["municipalities"]!.AsArray().Select(code => (string?)code));
        Assert.Equal(15, (int)both["total"]!["agreements"]!);
    }

    [Fact]
    public async Task The_json_has_the_total_and_a_table_per_grouping_with_small_groups_as_less_than_five_and_no_agreement_ids()
    {
        await SeedAsync();
        using var monitoring = Client(Monitoring);

        var body = await monitoring.GetStringAsync(Route);
        var json = JsonNode.Parse(body)!;

        Assert.Equal(5, (int)json["suppressionThreshold"]!);
        var total = json["total"]!;
        Assert.Equal(9, (int)total["byStatus"]!["Monitoring"]!);
        Assert.Equal(6, (int)total["byStatus"]!["AwaitingMove"]!);
        var m3 = total["milestones"]!["M3"]!;
        Assert.Equal((5, 0.8m, 0.07m, 0.05m, 19_000m, 15_000m), (
            (int)m3["measured"]!,
            (decimal)m3["shareOnTrack"]!,
            (decimal)m3["selfSufficiencyChangeMean"]!,
            (decimal)m3["selfSufficiencyChangeMedian"]!,
            (decimal)m3["netContributionChangeMean"]!,
            (decimal)m3["netContributionChangeMedian"]!));
        Assert.Null(total["milestones"]!["M12"]!["netContributionChangeMean"]);

        // Six escalations by six agreements; the one unresolved is hidden, and so the resolved five (6 − 5 = 1).
        Assert.Equal(["6", "<5", "<5"], EscalationFields.Select(name => Figure(total["escalations"]![name]!)));

        Assert.Equal(["Municipality", "HousingArea", "Direction", "Cohort"], json["tables"]!.AsArray().Select(table => (string?)table!["grouping"]));
        var areas = json["tables"]![1]!["rows"]!.AsArray();
        Assert.Equal(["Bispehaven", "Gellerupparken", "Vollsmose"], areas.Select(row => (string?)row!["label"]));
        Assert.Equal(["<5", "<5", "6"], areas.Select(row => Figure(row!["agreements"]!)));

        Assert.DoesNotContain("fa-", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Tingbjerg", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_narrow_the_agreements_and_bad_ones_get_danish_problems_by_parameter()
    {
        await SeedAsync();
        using var monitoring = Client(Monitoring);

        var odense = JsonNode.Parse(await monitoring.GetStringAsync($"{Route}?municipality={Odense}&direction=in&cohort=2026-Q1&housingArea=%20vollsmose"))!;
        Assert.Equal(6, (int)odense["total"]!["agreements"]!);
        Assert.Equal("vollsmose", (string?)odense["filter"]!["housingArea"]);
        Assert.Empty(odense["tables"]!.AsArray());

        var problem = await ProblemAsync(HttpStatusCode.BadRequest, await monitoring.GetAsync($"{Route}?cohort=2026-Q5&direction=up&municipality=12&format=xml"));
        Assert.Equal("Oplysningerne er ikke gyldige", (string?)problem["title"]);
        var errors = problem["errors"]!.AsObject().Select(error => error.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["cohort", "direction", "format", "municipality"], errors);
        Assert.Equal("Skriv startkohorten som år og kvartal, fx 2026-Q4.", (string?)problem["errors"]!["cohort"]![0]);
    }

    [Fact]
    public async Task The_csv_is_utf8_with_a_byte_order_mark_semicolons_and_the_same_suppression()
    {
        await SeedAsync();
        using var monitoring = Client(Monitoring);

        using var response = await monitoring.GetAsync($"{Route}?format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("effekt.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(';'))
            .ToList();
        var header = lines[0].ToList();
        Assert.Equal(["Gruppering", "Gruppe", "Nøgle", "Aftaler"], header.Take(4));
        string Cell(string[] line, string column) => line[header.IndexOf(column)];

        var total = lines[1];
        Assert.Equal(("I alt", "15", "9", "80", "7", "19000"), (total[0], Cell(total, "Aftaler"), Cell(total, "Status: I opfølgning"), Cell(total, "M3 på sporet (%)"),
            Cell(total, "M3 selvforsørgelse, ændring gns. (procentpoint)"), Cell(total, "M3 nettobidrag, ændring gns. (kr. pr. år)")));
        Assert.Equal("", Cell(total, "M12 nettobidrag, ændring gns. (kr. pr. år)"));
        var bispehaven = Assert.Single(lines, line => line[1] == "Bispehaven");
        Assert.Equal(("Boligområde", "<5"), (bispehaven[0], Cell(bispehaven, "Aftaler")));
        Assert.Equal(header.Count, Assert.Single(lines.Select(line => line.Length).Distinct()));
        Assert.DoesNotContain(lines, line => line.Any(cell => cell.StartsWith("fa-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_page_shows_the_tables_for_the_monitoring_unit_and_the_danish_403_page_to_others()
    {
        await SeedAsync();
        using var monitoring = Client(Monitoring);
        using var caseworker = Client(TestIdentities.Person("cw-effects", [Roles.Caseworker], Aarhus));

        using var page = await monitoring.GetAsync("/effekt?kommune=0751");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("data-effect-chart=", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/effekt\"", html, StringComparison.Ordinal); // the menu entry
        Assert.Contains("/api/effects?municipality=0751&amp;format=csv", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Vollsmose", html, StringComparison.Ordinal);

        using var refused = await caseworker.GetAsync("/effekt");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("monitoreringsenheden og administratorer", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/effekt\"", await (await caseworker.GetAsync("/aftaler")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var invalid = await monitoring.GetAsync("/effekt?kohorte=2026-Q9");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("fx 2026-Q4", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
