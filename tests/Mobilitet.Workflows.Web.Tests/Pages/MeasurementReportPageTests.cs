using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Measurements;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class MeasurementReportPageTests
{
    private const string AgreementId = "fa-0123456789abcdefghij";

    private static readonly PageFrame Caseworker = new()
    {
        User = Samples.User(roles: Roles.Caseworker),
        Navigation = NavigationSections.Agreements,
    };

    private static MeasurementReport Report(IndicatorProvenance? source, IndicatorValues? values, params Breach[] breaches) => new()
    {
        AgreementId = AgreementId,
        Milestone = Milestone.M3,
        PolicyName = "standard-v1",
        WindowStart = new DateOnly(2027, 1, 31),
        WindowEnd = new DateOnly(2027, 4, 30),
        Outcome = values is null ? MeasurementOutcome.MissingData : breaches.Length > 0 ? MeasurementOutcome.BelowThreshold : MeasurementOutcome.OnTrack,
        Breaches = breaches,
        Values = values,
        Baseline = new IndicatorValues(0.2m, 200_000m, 30_000m),
        MinSelfSufficiencyRate = 0.25m,
        MaxResourceDrawDkk = 210_000m,
        Source = source,
        MeasuredAt = new DateTimeOffset(2027, 4, 30, 6, 0, 0, TimeSpan.Zero),
    };

    private static IReadOnlyList<string> Row(AngleSharp.Dom.IDocument document, string indicator) =>
        document.QuerySelectorAll($"tr[data-indicator={indicator}] td").Select(cell => cell.Text()).ToList();

    [Fact]
    public async Task A_measurement_from_register_data_shows_window_numbers_thresholds_and_the_uploads_and_lines_it_came_from()
    {
        var source = new IndicatorProvenance
        {
            Origin = IndicatorOrigin.Register,
            WindowStart = new DateOnly(2027, 1, 31),
            WindowEnd = new DateOnly(2027, 4, 30),
            Uploads = [new UploadLines("imp-a", ExtractFormat.Amounts, [2, 3, 4]), new UploadLines("imp-w", ExtractFormat.Weekly, [7])],
            SelfSufficiencyFrom = SelfSufficiencySource.Weeks,
            AmountCoverage = 1m,
            WeekCoverage = 0.9286m,
            SupportCodeVersion = SupportCodeTable.DefaultVersion,
        };

        var document = await Renderer.PageAsync<MeasurementReportPage, MeasurementReportPageModel>(
            new MeasurementReportPageModel(Report(source, new IndicatorValues(0.2143m, 230_000m, 40_000m), Breach.SelfSufficiencyBelowMinimum, Breach.ResourceDrawAboveMaximum)),
            Caseworker);
        document.AssertScrollRegionsAreReachable();

        Assert.Equal("Målingsrapport: 3-måneders-målingen", document.QuerySelector("h1")!.Text());
        var intro = document.QuerySelector("main p")!.Text();
        Assert.Contains("31. januar 2027 – 29. april 2027", intro, StringComparison.Ordinal);
        Assert.Equal("/aftaler/fa-0123456789abcdefghij", document.QuerySelector("main p a")!.GetAttribute("href"));
        Assert.Equal(["21,4 %", "20 %", "mindst 25 %", "Under tærsklen"], Row(document, "self-sufficiency"));
        Assert.Equal(["230.000 kr.", "200.000 kr.", "højst 210.000 kr.", "Over tærsklen"], Row(document, "resource-draw"));
        Assert.Equal(["-190.000 kr.", "-170.000 kr.", "–", "–"], Row(document, "net-contribution"));
        Assert.Equal("Resultat: Under tærsklen", document.QuerySelector(".measurement-outcome")!.Text());
        var sourceText = document.QuerySelector("[data-source=register]")!.Text();
        Assert.Contains("100 %", sourceText, StringComparison.Ordinal);
        Assert.Contains("92,9 %", sourceText, StringComparison.Ordinal);
        Assert.Contains(SupportCodeTable.DefaultVersion, sourceText, StringComparison.Ordinal);
        Assert.Equal(
            ["Beløbsudtræk imp-a, linjer 2, 3, 4", "Ugeudtræk imp-w, linje 7"],
            document.QuerySelectorAll(".source-uploads li").Select(item => item.Text()).ToList());
    }

    [Fact]
    public async Task A_measurement_entered_by_hand_says_by_whom_and_when_and_missing_data_says_so()
    {
        var manual = new IndicatorProvenance
        {
            Origin = IndicatorOrigin.Manual,
            WindowStart = new DateOnly(2027, 1, 31),
            WindowEnd = new DateOnly(2027, 4, 30),
            EnteredBy = "oid-<caseworker>",
            EnteredAt = new DateTimeOffset(2027, 5, 3, 8, 5, 0, TimeSpan.Zero),
        };

        var entered = await Renderer.PageAsync<MeasurementReportPage, MeasurementReportPageModel>(
            new MeasurementReportPageModel(Report(manual, new IndicatorValues(0.5m, 150_000m, 60_000m))), Caseworker);
        var missing = await Renderer.PageAsync<MeasurementReportPage, MeasurementReportPageModel>(new MeasurementReportPageModel(Report(null, null)), Caseworker);

        var text = entered.QuerySelector("[data-source=manual]")!.Text();
        Assert.Contains("oid-<caseworker>", text, StringComparison.Ordinal); // as text: encoded, not markup
        Assert.Null(entered.QuerySelector("caseworker"));
        Assert.Contains("3. maj 2027 kl. 10.05", text, StringComparison.Ordinal);
        Assert.Equal(["50 %", "20 %", "mindst 25 %", "I orden"], Row(entered, "self-sufficiency"));
        Assert.Null(entered.QuerySelector("tr[data-indicator=well-being]")); // standard-v1: no check-in
        Assert.NotNull(missing.QuerySelector("[data-source=none]"));
        Assert.Equal(["Mangler", "20 %", "mindst 25 %", "–"], Row(missing, "self-sufficiency"));
    }

    [Fact]
    public async Task Under_a_policy_with_a_check_in_the_residents_score_is_held_against_its_minimum()
    {
        var low = Report(null, new IndicatorValues(0.5m, 150_000m, 60_000m, WellBeingScore: 2), Breach.WellBeingBelowMinimum) with { MinWellBeingScore = 3 };
        var unanswered = Report(null, new IndicatorValues(0.5m, 150_000m, 60_000m)) with { MinWellBeingScore = 3 };

        var lowPage = await Renderer.PageAsync<MeasurementReportPage, MeasurementReportPageModel>(new MeasurementReportPageModel(low), Caseworker);
        var unansweredPage = await Renderer.PageAsync<MeasurementReportPage, MeasurementReportPageModel>(new MeasurementReportPageModel(unanswered), Caseworker);

        Assert.Equal(["2 af 5", "–", "mindst 3", "Under tærsklen"], Row(lowPage, "well-being"));
        Assert.Equal(["Intet svar", "–", "mindst 3", "–"], Row(unansweredPage, "well-being"));
    }

    [Fact]
    public async Task The_stored_copy_is_a_page_of_its_own_with_the_same_report_and_no_menu_or_person()
    {
        var report = Report(null, new IndicatorValues(0.5m, 150_000m, 60_000m));

        var document = await Renderer.DocumentAsync<MeasurementReportDocument>((nameof(MeasurementReportDocument.Report), report));

        Assert.Equal("da", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("3-måneders-målingen – fa-0123456789abcdefghij", document.Title);
        Assert.Equal("Målingsrapport: 3-måneders-målingen", document.QuerySelector("main h1")!.Text());
        Assert.Equal(["50 %", "20 %", "mindst 25 %", "I orden"], Row(document, "self-sufficiency"));
        Assert.Null(document.QuerySelector("nav"));
        Assert.Empty(document.QuerySelectorAll("script, link[rel=stylesheet]"));
    }
}
