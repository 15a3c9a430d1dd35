using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Effects;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Tests.Effects;

/// <summary>
/// The effect dashboard on a data set small enough to compute by hand (numbers in the comments).
/// <list type="bullet">
/// <item>Aarhus (0751), Gellerupparken, out, created Q1 2026: g1–g6, monitoring; g1–g5 measured at M3 from the same baseline
/// (self-sufficiency 0.20, resource draw 200,000, taxes 30,000: net contribution −170,000).</item>
/// <item>Aarhus, Bispehaven, out, created Q4 2026: b1–b3, monitoring, not measured; b1's escalation decided.</item>
/// <item>Odense (0461), into Vollsmose, created Q2 2026: v1–v6, awaiting the move; a "move" escalation each, v1–v5 closed by
/// the system, v6 unresolved.</item>
/// </list>
/// </summary>
public sealed class EffectAggregationTests
{
    private const string Aarhus = "0751";
    private const string Odense = "0461";

    private static readonly IndicatorValues Baseline = new(0.20m, 200_000m, 30_000m);

    private static readonly EffectFilter Everything = new() { Municipalities = new HashSet<string> { Aarhus, Odense } };

    private static AgreementRecord Agreement(string id, string municipality, MoveDirection direction, string area, DateTimeOffset created, AgreementStatus status) => new()
    {
        AgreementId = id,
        MunicipalityCode = municipality,
        HousingAssociation = "Boligforeningen",
        Direction = direction,
        FromArea = direction == MoveDirection.Out ? area : "Et andet sted",
        ToArea = direction == MoveDirection.In ? area : null,
        PlannedMoveDate = DateOnly.FromDateTime(created.UtcDateTime).AddDays(30),
        PolicyName = PolicyCatalog.DefaultName,
        Status = status,
        CreatedAt = created,
        LastChangedAt = created,
        DayLength = TimeSpan.FromDays(1),
        Baseline = Baseline,
        RequestedDkk = 20_000m,
        SupervisorLevels = 2,
    };

    private static readonly IReadOnlyList<AgreementRecord> Agreements =
    [
        .. Enumerable.Range(1, 6).Select(i => Agreement($"g{i}", Aarhus, MoveDirection.Out, "Gellerupparken", new(2026, 2, 10, 9, 0, 0, TimeSpan.Zero), AgreementStatus.Monitoring)),
        .. Enumerable.Range(1, 3).Select(i => Agreement($"b{i}", Aarhus, MoveDirection.Out, " bispehaven", new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), AgreementStatus.Monitoring)),
        .. Enumerable.Range(1, 6).Select(i => Agreement($"v{i}", Odense, MoveDirection.In, "Vollsmose", new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero), AgreementStatus.AwaitingMove)),
        Agreement("x1", "0101", MoveDirection.Out, "Tingbjerg", new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero), AgreementStatus.Monitoring), // not held
    ];

    private static MeasurementRecord M3(string id, decimal selfSufficiency, decimal resourceDraw, decimal taxPaid, MeasurementOutcome outcome) =>
        new(id, Milestone.M3, outcome, [], new IndicatorValues(selfSufficiency, resourceDraw, taxPaid), new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));

    // Changes against the baseline:       self-sufficiency   net contribution
    private static readonly IReadOnlyList<MeasurementRecord> Measurements =
    [
        M3("g1", 0.30m, 180_000m, 40_000m, MeasurementOutcome.OnTrack),        // +0.10   −140,000 → +30,000
        M3("g2", 0.20m, 200_000m, 30_000m, MeasurementOutcome.OnTrack),        //  0.00   −170,000 →       0
        M3("g3", 0.50m, 150_000m, 60_000m, MeasurementOutcome.OnTrack),        // +0.30    −90,000 → +80,000
        M3("g4", 0.10m, 220_000m, 20_000m, MeasurementOutcome.BelowThreshold), // −0.10   −200,000 → −30,000
        M3("g5", 0.25m, 190_000m, 35_000m, MeasurementOutcome.OnTrack),        // +0.05   −155,000 → +15,000
        new("g6", Milestone.M3, MeasurementOutcome.MissingData, [], null, new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero)), // no values: not counted
        M3("x1", 0.90m, 10_000m, 90_000m, MeasurementOutcome.OnTrack),        // not held
    ];

    private static EscalationRecord Escalation(string agreementId, string subject, EscalationStatus status) => new()
    {
        EscalationId = $"{agreementId}-esc-{subject}",
        AgreementId = agreementId,
        Reason = EscalationReason.MoveOverdue,
        Subject = subject,
        Level = 1,
        Status = status,
        RaisedAt = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static readonly IReadOnlyList<EscalationRecord> Escalations =
    [
        Escalation("b1", "m3", EscalationStatus.Decided),
        .. Enumerable.Range(1, 5).Select(i => Escalation($"v{i}", "move", EscalationStatus.ClosedBySystem)),
        Escalation("v6", "move", EscalationStatus.Unresolved),
    ];

    private static EffectReport Report(EffectFilter? filter = null) => EffectAggregation.Build(Agreements, Measurements, Escalations, filter ?? Everything);

    private static EffectTable Table(EffectReport report, EffectGrouping grouping) => Assert.Single(report.Tables, table => table.Grouping == grouping);

    private static string Text(Figure figure) => figure.IsSuppressed ? "<5" : figure.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–";

    [Fact]
    public void The_total_counts_the_held_municipalities_agreements_per_status()
    {
        var total = Report().Total;

        Assert.Equal("15", Text(total.Agreements));
        Assert.Equal("9", Text(total.ByStatus[AgreementStatus.Monitoring]));
        Assert.Equal("6", Text(total.ByStatus[AgreementStatus.AwaitingMove]));
        Assert.Equal("0", Text(total.ByStatus[AgreementStatus.Completed]));
    }

    [Fact]
    public void At_a_milestone_the_mean_and_median_change_against_the_baseline_and_the_share_on_track_are_of_the_agreements_measured_with_values()
    {
        var m3 = Report().Total.Milestones[Milestone.M3];

        Assert.Equal("5", Text(m3.Measured));                           // g1–g5; g6 had no data, x1 is not held
        Assert.Equal("0.8", Text(m3.ShareOnTrack));                     // 4 of 5
        Assert.Equal("0.07", Text(m3.SelfSufficiencyChangeMean));       // (0.10 + 0 + 0.30 − 0.10 + 0.05) / 5
        Assert.Equal("0.05", Text(m3.SelfSufficiencyChangeMedian));     // −0.10, 0, 0.05, 0.10, 0.30
        Assert.Equal("19000", Text(m3.NetContributionChangeMean));      // (30,000 + 0 + 80,000 − 30,000 + 15,000) / 5
        Assert.Equal("15000", Text(m3.NetContributionChangeMedian));    // −30,000, 0, 15,000, 30,000, 80,000
        Assert.Equal("0", Text(Report().Total.Milestones[Milestone.M12].Measured));
        Assert.Equal("–", Text(Report().Total.Milestones[Milestone.M12].NetContributionChangeMean));
    }

    [Fact]
    public void A_municipality_without_measurements_shows_zero_measured_and_no_averages()
    {
        var odense = Assert.Single(Table(Report(), EffectGrouping.Municipality).Rows, row => row.Key == Odense);

        Assert.Equal(("Odense", "6"), (odense.Label, Text(odense.Agreements)));
        Assert.Equal("0", Text(odense.Milestones[Milestone.M3].Measured));
        Assert.Equal("–", Text(odense.Milestones[Milestone.M3].ShareOnTrack));
    }

    [Fact]
    public void A_housing_area_of_three_is_suppressed_and_the_next_smallest_with_it_so_the_total_minus_the_rest_gives_nothing_away()
    {
        var rows = Table(Report(), EffectGrouping.HousingArea).Rows;

        // Sorted by name; Bispehaven's 3 is hidden, and Gellerupparken's 6 (tied with Vollsmose, first by name) with it.
        Assert.Equal(["bispehaven", "Gellerupparken", "Vollsmose"], rows.Select(row => row.Label));
        Assert.Equal(["<5", "<5", "6"], rows.Select(row => Text(row.Agreements)));
        Assert.Equal(["<5", "<5", "6"], rows.Select(row => Text(row.ByStatus[AgreementStatus.AwaitingMove])));

        // Gellerupparken's five M3 measurements are a group of five of their own: shown.
        var gellerup = rows[1];
        Assert.Equal(("5", "19000"), (Text(gellerup.Milestones[Milestone.M3].Measured), Text(gellerup.Milestones[Milestone.M3].NetContributionChangeMean)));
        Assert.Equal("<5", Text(rows[0].Milestones[Milestone.M3].Measured)); // a 0 in a hidden row would tell what the rest is
    }

    [Fact]
    public void Cohorts_are_quarters_oldest_first_and_the_small_one_is_hidden_with_a_neighbour()
    {
        var rows = Table(Report(), EffectGrouping.Cohort).Rows;

        Assert.Equal(["2026-Q1", "2026-Q2", "2026-Q4"], rows.Select(row => row.Key));
        Assert.Equal(["1. kvartal 2026", "2. kvartal 2026", "4. kvartal 2026"], rows.Select(row => row.Label));
        Assert.Equal(["<5", "6", "<5"], rows.Select(row => Text(row.Agreements)));
    }

    [Fact]
    public void Escalations_hide_the_resolved_count_when_the_unresolved_is_small_since_opened_is_their_sum()
    {
        var report = Report();

        // 7 opened (b1, v1–v6) by 7 agreements; unresolved 1 (v6) is hidden, so resolved (6) must be too: 7 − 6 = 1.
        Assert.Equal(["7", "<5", "<5"], new[] { report.Total.Escalations.Opened, report.Total.Escalations.Resolved, report.Total.Escalations.Unresolved }.Select(Text));

        // Aarhus opened 1 (b1): hidden, so Odense's 6 is hidden with it (7 − 6 = 1).
        var municipalities = Table(report, EffectGrouping.Municipality).Rows;
        Assert.Equal(["<5", "<5"], municipalities.Select(row => Text(row.Escalations.Opened)));
    }

    [Fact]
    public void A_filter_narrows_the_agreements_and_drops_its_own_table_and_suppression_stays_the_same_as_unfiltered()
    {
        var odense = Report(Everything with { Municipality = Odense });

        Assert.Equal("6", Text(odense.Total.Agreements));
        Assert.Equal([EffectGrouping.HousingArea, EffectGrouping.Direction, EffectGrouping.Cohort], odense.Tables.Select(table => table.Grouping));

        // Bispehaven filtered: the same "<5" the unfiltered table shows, never the 3.
        var bispehaven = Report(Everything with { HousingArea = "BISPEHAVEN" });
        Assert.Equal("<5", Text(bispehaven.Total.Agreements));
        Assert.All(bispehaven.Tables.SelectMany(table => table.Rows), row => Assert.Equal("<5", Text(row.Agreements)));

        var q4 = Report(Everything with { Cohort = new Cohort(2026, 4) });
        Assert.Equal("<5", Text(q4.Total.Agreements));
        var outward = Report(Everything with { Direction = MoveDirection.Out });
        Assert.Equal("9", Text(outward.Total.Agreements));
    }

    [Fact]
    public void Nothing_in_the_report_names_an_agreement()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(Report());

        Assert.DoesNotContain("\"g1\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("fa-", json, StringComparison.Ordinal);
        Assert.Equal("<5", (string?)System.Text.Json.Nodes.JsonNode.Parse(json)!["Total"]!["Escalations"]!["Resolved"]);
    }
}
