using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class SettlementReportPageTests
{
    private const string AgreementId = "fa-0123456789abcdefghij";

    private static readonly PageFrame Caseworker = new()
    {
        User = Samples.User(roles: Roles.Caseworker),
        Navigation = NavigationSections.Agreements,
    };

    private static readonly IndicatorValues Baseline = new(0.2m, 200_000m, 30_000m); // net −170 000 kr. a year

    private static readonly IndicatorValues OnTrack = new(0.5m, 150_000m, 60_000m); // net −90 000 kr.: 80 000 kr. a year better

    private static SettlementReport Report(string instrument, decimal financedDkk, AgreementStatus endedAs, params Milestone[] measured) => new()
    {
        AgreementId = AgreementId,
        PolicyName = "standard-v2",
        Instrument = InstrumentCatalog.Get(instrument),
        MovedOn = new DateOnly(2027, 1, 31),
        EndedAs = endedAs,
        Settlement = Settlement.Compute(InstrumentCatalog.Get(instrument), financedDkk, Baseline, measured.ToDictionary(milestone => milestone, _ => OnTrack)),
        SettledAt = new DateTimeOffset(2030, 1, 31, 6, 0, 0, TimeSpan.Zero),
    };

    private static IReadOnlyList<string> Cells(AngleSharp.Dom.IElement row) => row.Children.Select(cell => cell.Text()).ToList();

    [Fact]
    public async Task A_completed_outcome_contract_shows_its_terms_each_settled_stretch_and_what_it_settles_to_in_danish()
    {
        var document = await Renderer.PageAsync<SettlementReportPage, SettlementReportPageModel>(
            new SettlementReportPageModel(Report("outcome-contract-v1", 150_000m, AgreementStatus.Completed, Milestone.M3, Milestone.M12, Milestone.M36)),
            Caseworker);
        document.AssertScrollRegionsAreReachable();

        Assert.Equal("Afregning af finansieringen", document.QuerySelector("h1")!.Text());
        Assert.Contains("blev afsluttet efter sidste måling", document.QuerySelector("main p")!.Text(), StringComparison.Ordinal);
        Assert.Contains("50 % af den realiserede gevinst over 1,0 × beløbet, højst 1,3 × beløbet", document.QuerySelector("dl.settlement-terms")!.Text(), StringComparison.Ordinal);
        var rows = document.QuerySelectorAll("table.settlement-table tbody tr");
        Assert.Equal(
            [
                ["0–3", "3-måneders-målingen", "-90.000 kr.", "20.000 kr."],
                ["3–12", "12-måneders-målingen", "-90.000 kr.", "60.000 kr."],
                ["12–24", "Gennemsnit af M12 og M36", "-90.000 kr.", "80.000 kr."],
                ["24–36", "36-måneders-målingen", "-90.000 kr.", "80.000 kr."],
            ],
            rows.Select(Cells));
        Assert.Equal("240.000 kr.", document.QuerySelector("[data-settlement=realised]")!.Text());
        Assert.Equal("45.000 kr.", document.QuerySelector("[data-settlement=outcome-payment]")!.Text());
        Assert.Equal("105.000 kr.", document.QuerySelector("[data-settlement=written-off]")!.Text());
        Assert.Null(document.QuerySelector(".settlement-early"));
    }

    [Fact]
    public async Task A_grant_ended_early_says_it_is_settled_on_the_months_measured_and_writes_off_the_rest()
    {
        var document = await Renderer.PageAsync<SettlementReportPage, SettlementReportPageModel>(
            new SettlementReportPageModel(Report("municipal-fund-v2", 50_000m, AgreementStatus.Cancelled, Milestone.M3, Milestone.M36)),
            Caseworker);

        // M12 is missing, so only the stretch up to the gap counts: months 0–3.
        Assert.Equal(["0-3"], document.QuerySelectorAll("table.settlement-table tbody tr").Select(row => row.GetAttribute("data-period")));
        Assert.Contains("3 af 36 måneder", document.QuerySelector(".settlement-early")!.Text(), StringComparison.Ordinal);
        Assert.Contains("blev annulleret efter flytningen", document.QuerySelector("main p")!.Text(), StringComparison.Ordinal);
        Assert.Contains("Ingen: instrumentet er et tilskud", document.QuerySelector("dl.settlement-terms")!.Text(), StringComparison.Ordinal);
        Assert.Equal("20.000 kr.", document.QuerySelector("[data-settlement=realised]")!.Text());
        Assert.Equal("0 kr.", document.QuerySelector("[data-settlement=outcome-payment]")!.Text());
        Assert.Equal("30.000 kr.", document.QuerySelector("[data-settlement=written-off]")!.Text());
    }
}
