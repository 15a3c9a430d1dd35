using System.Text.Json.Nodes;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Effects;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;
using Mobilitet.Workflows.Web.Tests.Shared;

namespace Mobilitet.Workflows.Web.Tests.Pages;

/// <summary>
/// "Effekt" rendered from a report the aggregation built: Aarhus with six agreements out of Gellerupparken (five
/// measured at M3) and three out of Bispehaven — so Bispehaven's 3 is "&lt;5" and Gellerupparken's 6 is hidden beside it.
/// </summary>
public sealed class EffectsPageTests
{
    private static readonly PageFrame Monitoring = new()
    {
        User = Samples.User(roles: Roles.Monitoring),
        Navigation = NavigationSections.Agreements | NavigationSections.Effects,
    };

    private static readonly IndicatorValues Baseline = new(0.20m, 200_000m, 30_000m);

    private static AgreementRecord Agreement(string id, string area) => new()
    {
        AgreementId = id,
        MunicipalityCode = "0751",
        HousingAssociation = "Brabrand Boligforening",
        Direction = MoveDirection.Out,
        FromArea = area,
        PlannedMoveDate = new DateOnly(2026, 3, 1),
        PolicyName = PolicyCatalog.DefaultName,
        Status = AgreementStatus.Monitoring,
        CreatedAt = new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero),
        LastChangedAt = new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero),
        DayLength = TimeSpan.FromDays(1),
        Baseline = Baseline,
        RequestedDkk = 20_000m,
        SupervisorLevels = 2,
    };

    private static EffectReport Report()
    {
        var agreements = Enumerable.Range(1, 6).Select(i => Agreement($"g{i}", "Gellerupparken"))
            .Concat(Enumerable.Range(1, 3).Select(i => Agreement($"b{i}", "Bispehaven <script>")))
            .ToList();
        // Net contribution −170,000 at baseline; at M3 −140,000, −170,000, −90,000, −200,000, −155,000: changes +30,000, 0, +80,000, −30,000, +15,000.
        decimal[] taxes = [40_000m, 30_000m, 60_000m, 20_000m, 35_000m];
        decimal[] draws = [180_000m, 200_000m, 150_000m, 220_000m, 190_000m];
        var measurements = Enumerable.Range(0, 5).Select(i => new MeasurementRecord(
            $"g{i + 1}", Milestone.M3, i == 3 ? MeasurementOutcome.BelowThreshold : MeasurementOutcome.OnTrack, [],
            new IndicatorValues(0.20m + (0.05m * i), draws[i], taxes[i]), new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        return EffectAggregation.Build(agreements, measurements, [], new EffectFilter { Municipalities = new HashSet<string> { "0751" } });
    }

    private static EffectsPageModel Model(EffectReport? report = null, FieldErrors? errors = null, params (string Field, string? Value)[] values) => new()
    {
        Municipalities = [new SelectOption("0751", "Aarhus")],
        Values = values.ToDictionary(value => value.Field, value => value.Value),
        Report = report,
        CsvPath = report is null ? null : EffectsPageModel.CsvPathFor([new("municipality", "0751")]),
        Errors = errors ?? FieldErrors.None,
    };

    [Fact]
    public async Task Each_grouping_has_tables_that_work_without_javascript_with_the_total_last_and_small_groups_as_less_than_five()
    {
        var document = await Renderer.PageAsync<EffectsPage, EffectsPageModel>(Model(Report()), Monitoring);
        document.AssertScrollRegionsAreReachable();

        Assert.Equal("Effekt – Flytteaftaler – Mobilitetsenheden", document.Title);
        Assert.Equal("page", document.QuerySelector("nav[aria-label=Hovedmenu] a[href='/effekt']")!.GetAttribute("aria-current"));
        Assert.Equal(
            ["Efter kommune", "Efter boligområde", "Efter retning", "Efter startkohorte"],
            document.QuerySelectorAll("main section > h2").Select(heading => heading.Text()));

        var areas = document.QuerySelector("table[data-table=effect-housingarea-status]")!;
        Assert.Equal(["Boligområde", "Aftaler", "I opfølgning", "Eskaleringer åbnet", "Løst", "Uløste"], areas.QuerySelectorAll("thead th").Select(th => th.Text()));
        Assert.Equal(
            [
                // A 0 in a hidden row is hidden too: beside the total it would tell what the rest is.
                ["Bispehaven <script>", "<5", "<5", "<5", "<5", "<5"],
                ["Gellerupparken", "<5", "<5", "<5", "<5", "<5"],
            ],
            areas.QuerySelectorAll("tbody tr").Select(row => row.Children.Select(cell => cell.Text()).ToList()));
        Assert.Equal(["I alt", "9", "9", "0", "0", "0"], areas.QuerySelectorAll("tfoot tr > *").Select(cell => cell.Text()));

        // The changes at M3 in Danish: +7 percentage points (0.35 / 5), +19.000 kr. (95,000 / 5), median +15.000 kr.
        var m3 = document.QuerySelector("table[data-table=effect-municipality-milestones] tbody[data-group='0751'] tr")!;
        Assert.Equal(["Aarhus", "M3", "5", "80 %", "+10 pct.-point", "+10 pct.-point", "+19.000 kr.", "+15.000 kr."], m3.Children.Select(cell => cell.Text()));
        var m12 = document.QuerySelectorAll("table[data-table=effect-municipality-milestones] tbody[data-group='0751'] tr")[1];
        Assert.Equal(["M12", "0", "–", "–", "–", "–", "–"], m12.Children.Select(cell => cell.Text()));
        Assert.Equal("3", document.QuerySelector("table[data-table=effect-municipality-milestones] tbody th[scope=rowgroup]")!.GetAttribute("rowspan"));

        // Encoded, never markup.
        Assert.Empty(document.QuerySelectorAll("main script"));
        Assert.Equal("/api/effects?municipality=0751&format=csv", document.QuerySelector("a[download]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_charts_get_their_numbers_from_the_page_with_suppressed_ones_left_out_and_no_inline_script()
    {
        var document = await Renderer.PageAsync<EffectsPage, EffectsPageModel>(Model(Report()), Monitoring);

        var panel = document.QuerySelector("section[aria-labelledby=effect-housingarea-heading] [data-effect-chart]")!;
        var data = JsonNode.Parse(panel.GetAttribute("data-effect-chart")!)!;
        Assert.Equal(["Bispehaven <script>", "Gellerupparken"], data["labels"]!.AsArray().Select(label => (string?)label));
        Assert.Equal(["M3", "M12", "M36"], data["milestones"]!.AsArray().Select(label => (string?)label));
        Assert.Equal([null, 19000m], data["netContribution"]![0]!.AsArray().Select(value => (decimal?)value));
        Assert.Equal([null, 80m], data["onTrack"]![0]!.AsArray().Select(value => (decimal?)value));
        Assert.Equal(2, panel.QuerySelectorAll("canvas[role=img][aria-label]").Length);

        var scripts = document.QuerySelectorAll("script").Select(script => script.GetAttribute("src")).ToList();
        Assert.All(scripts, src => Assert.StartsWith("/static/", src, StringComparison.Ordinal));
        Assert.Contains(scripts, src => src!.StartsWith("/static/chartjs/chart.umd.min.js?v=", StringComparison.Ordinal));
        Assert.Contains(scripts, src => src!.StartsWith("/static/js/effect-charts.js?v=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_filter_that_cannot_be_read_is_shown_by_its_field_and_no_numbers()
    {
        var errors = new FieldErrors([new(EffectsPageModel.CohortField, ["Skriv startkohorten som år og kvartal, fx 2026-Q4."])]);

        var document = await Renderer.PageAsync<EffectsPage, EffectsPageModel>(Model(null, errors, (EffectsPageModel.CohortField, "2026-Q9")), Monitoring);

        Assert.StartsWith("Fejl:", document.Title, StringComparison.Ordinal);
        Assert.Equal("#field-kohorte", document.QuerySelector("[data-module=error-summary] a")!.GetAttribute("href"));
        Assert.Equal("2026-Q9", document.GetElementById("field-kohorte")!.GetAttribute("value"));
        Assert.Empty(document.QuerySelectorAll("table, [data-effect-chart], a[download]"));
        var form = document.QuerySelector("main form")!;
        Assert.Equal(("get", "/effekt"), (form.GetAttribute("method"), form.GetAttribute("action")));
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task With_every_grouping_filtered_the_total_has_tables_of_its_own()
    {
        var report = Report() with { Tables = [] };

        var document = await Renderer.PageAsync<EffectsPage, EffectsPageModel>(Model(report), Monitoring);

        Assert.Equal("I alt", document.QuerySelector("main section > h2")!.Text());
        Assert.Equal(["I alt", "9", "9", "0", "0", "0"], document.QuerySelectorAll("table[data-table=effect-total-status] tbody tr > *").Select(cell => cell.Text()));
        Assert.Empty(document.QuerySelectorAll("tfoot"));
    }
}
