using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// The financing portfolio through the local host's HTTP pipeline on Azurite. The read model is filled directly: Aalborg
/// (0851) with five fund agreements in monitoring (20 000 kr. approved automatically and paid at the move, one measured at
/// M3); Esbjerg (0561) with three outcome contracts (a group under five).
/// </summary>
public sealed class FinancingPortfolioTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    private const string Route = "/api/financing/portfolio";
    private const string Aalborg = "0851";
    private const string Esbjerg = "0561";

    private static string Id(int number) => "fa-" + (0xf0000 + number).ToString("x20", System.Globalization.CultureInfo.InvariantCulture);

    private HttpClient Client(string? principal)
    {
        var client = new HttpClient { BaseAddress = host.Api.BaseAddress };
        return principal is null ? client : client.SignedInAs(principal);
    }

    private async Task SeedAsync()
    {
        var agreements = host.Services.GetRequiredService<IAgreementRepository>();
        var measurements = host.Services.GetRequiredService<IMeasurementRepository>();
        var created = new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);
        AgreementRecord Agreement(int number, string municipality, AgreementStatus status, string instrument, FinancingRoute? route, bool moved) => new()
        {
            AgreementId = Id(number),
            MunicipalityCode = municipality,
            HousingAssociation = "Boligforeningen",
            Direction = MoveDirection.Out,
            FromArea = "Aalborg Øst",
            PlannedMoveDate = new DateOnly(2026, 3, 1),
            MovedOn = moved ? new DateOnly(2026, 3, 1) : null,
            PolicyName = PolicyCatalog.DefaultName,
            Status = status,
            CreatedAt = created,
            LastChangedAt = created,
            DayLength = TimeSpan.FromDays(1),
            Baseline = new IndicatorValues(0.2m, 200_000m, 30_000m),
            RequestedDkk = 20_000m,
            ApprovedDkk = route is null ? null : 20_000m,
            FinancingRoute = route,
            InstrumentName = instrument,
            SupervisorLevels = 1,
        };

        List<AgreementRecord> all =
        [
            .. Enumerable.Range(1, 5).Select(i => Agreement(i, Aalborg, AgreementStatus.Monitoring, "municipal-fund-v2", FinancingRoute.AutoApproved, moved: true)),
            .. Enumerable.Range(11, 3).Select(i => Agreement(i, Esbjerg, AgreementStatus.Monitoring, "outcome-contract-v1", FinancingRoute.ApprovedByApprover, moved: true)),
        ];
        foreach (var agreement in all)
        {
            await agreements.AddAsync(agreement, CancellationToken.None);
        }

        // Net −164 000 against −170 000 over months 0–3: 1 500 kr. realised.
        await measurements.SaveAsync(
            new MeasurementRecord(Id(1), Milestone.M3, MeasurementOutcome.OnTrack, [], new IndicatorValues(0.2m, 194_000m, 30_000m), created.AddMonths(4)),
            CancellationToken.None);
    }

    private static async Task<List<string>> CsvLinesAsync(HttpClient client)
    {
        using var csv = await client.GetAsync($"{Route}?format=csv");
        Assert.Equal("text/csv; charset=utf-8", csv.Content.Headers.ContentType?.ToString());
        return [.. (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r').TrimStart('\uFEFF'))];
    }

    private static async Task<JsonNode> ProblemAsync(HttpStatusCode status, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task The_monitoring_unit_finance_approvers_and_administrators_see_the_portfolio_of_their_municipalities_and_nobody_else()
    {
        await SeedAsync();

        using var anonymous = Client(null);
        await ProblemAsync(HttpStatusCode.Unauthorized, await anonymous.GetAsync(Route));
        foreach (var role in new[] { Roles.Caseworker, Roles.Supervisor })
        {
            using var refused = Client(TestIdentities.Person($"{role}-portfolio", [role], Aalborg));
            Assert.Equal("Adgang nægtet", (string?)(await ProblemAsync(HttpStatusCode.Forbidden, await refused.GetAsync(Route)))["title"]);
        }

        using var withoutMunicipality = Client(TestIdentities.Person("mon-portfolio-none", [Roles.Monitoring]));
        await ProblemAsync(HttpStatusCode.Forbidden, await withoutMunicipality.GetAsync(Route));

        using var approver = Client(TestIdentities.Person("approver-portfolio", [Roles.FinanceApprover], Aalborg));
        var body = await approver.GetStringAsync(Route);
        var portfolio = JsonNode.Parse(body)!;
        Assert.Equal([Aalborg], portfolio["municipalities"]!.AsArray().Select(code => (string?)code));
        var group = Assert.Single(portfolio["groups"]!.AsArray())!;
        Assert.Equal("municipal-fund-v2", (string?)group["instrument"]);
        Assert.Equal(5, (int)group["agreements"]!);
        Assert.Equal(100_000m, (decimal)group["committedDkk"]!);
        Assert.Equal(100_000m, (decimal)group["paidDkk"]!);
        Assert.Equal(5 * 52_500m, (decimal)group["projectedGainDkk"]!);
        Assert.Equal(1_500m, (decimal)group["realisedGainDkk"]!);
        Assert.Equal(5, (int)group["byStatus"]!["Monitoring"]!);
        Assert.DoesNotContain("fa-", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_under_five_is_suppressed_in_the_json_and_the_csv_and_a_bad_format_is_a_danish_problem()
    {
        await SeedAsync();
        using var monitoring = Client(TestIdentities.Person("mon-portfolio", [Roles.Monitoring], Aalborg, Esbjerg));

        var portfolio = JsonNode.Parse(await monitoring.GetStringAsync(Route))!;
        var esbjerg = portfolio["groups"]!.AsArray().Single(group => (string?)group!["municipality"] == Esbjerg)!;
        Assert.Null(esbjerg["agreements"]);
        Assert.Null(esbjerg["committedDkk"]);

        // Esbjerg's three are under five; with the total of both shown, Aalborg's five could then be subtracted out, so
        // they are suppressed too (the effect dashboard's complementary rule). Aalborg alone shows its numbers.
        var monitoringLines = await CsvLinesAsync(monitoring);
        Assert.StartsWith("Instrument;Kommune;Aftaler", monitoringLines[0], StringComparison.Ordinal);
        Assert.Contains(monitoringLines, line => line.StartsWith($"outcome-contract-v1;{Esbjerg};<5;", StringComparison.Ordinal));
        Assert.Contains(monitoringLines, line => line.StartsWith($"municipal-fund-v2;{Aalborg};<5;", StringComparison.Ordinal));

        using var approver = Client(TestIdentities.Person("approver-portfolio-csv", [Roles.FinanceApprover], Aalborg));
        var aalborgLines = await CsvLinesAsync(approver);
        Assert.Contains(aalborgLines, line => line.StartsWith($"municipal-fund-v2;{Aalborg};5;", StringComparison.Ordinal) && line.EndsWith(";100000;100000;262500;1500;0;0", StringComparison.Ordinal));

        var problem = await ProblemAsync(HttpStatusCode.BadRequest, await monitoring.GetAsync($"{Route}?format=xml"));
        Assert.Contains("json eller csv", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_shows_the_portfolio_in_danish_with_the_csv_link_and_refuses_a_caseworker()
    {
        await SeedAsync();
        using var approver = Client(TestIdentities.Person("approver-portfolio-page", [Roles.FinanceApprover], Aalborg));

        using var page = await approver.GetAsync("/portefoelje");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>Portefølje</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Kommunal mobilitetspulje (tilskud, v2)", html, StringComparison.Ordinal);
        Assert.Contains("Aalborg", html, StringComparison.Ordinal);
        Assert.Contains("262.500", html, StringComparison.Ordinal);   // 5 × 52 500 kr. projected
        Assert.Contains("/api/financing/portfolio?format=csv", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fa-", html, StringComparison.Ordinal);

        using var caseworker = Client(TestIdentities.Person("cw-portfolio-page", [Roles.Caseworker], Aalborg));
        using var refused = await caseworker.GetAsync("/portefoelje");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Porteføljen kan ses af", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
