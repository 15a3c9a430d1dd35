using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Tests.Financing;

public sealed class PortfolioTests
{
    private const string Aarhus = "0751";
    private const string Odense = "0461";
    private static readonly IndicatorValues Baseline = new(0.2m, 200_000m, 30_000m);
    private static readonly DateTimeOffset Created = new(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);

    private static AgreementRecord Agreement(string id, string municipality, AgreementStatus status, string instrument = "municipal-fund-v2", decimal requested = 20_000m, FinancingRoute? route = FinancingRoute.AutoApproved, bool moved = true) => new()
    {
        AgreementId = id,
        MunicipalityCode = municipality,
        HousingAssociation = "Boligforeningen",
        Direction = MoveDirection.Out,
        FromArea = "Gellerupparken",
        PlannedMoveDate = new DateOnly(2026, 3, 1),
        MovedOn = moved ? new DateOnly(2026, 3, 1) : null,
        PolicyName = PolicyCatalog.DefaultName,
        Status = status,
        CreatedAt = Created,
        LastChangedAt = Created,
        DayLength = TimeSpan.FromDays(1),
        Baseline = Baseline,
        RequestedDkk = requested,
        ApprovedDkk = route is FinancingRoute.AutoApproved or FinancingRoute.ApprovedByApprover ? requested : null,
        FinancingRoute = route,
        InstrumentName = instrument,
        SupervisorLevels = 1,
    };

    private static MeasurementRecord Measured(string id, Milestone milestone, IndicatorValues values) =>
        new(id, milestone, MeasurementOutcome.OnTrack, [], values, Created);

    [Fact]
    public void A_group_adds_up_committed_paid_projected_and_realised_money_and_settles_the_ended_ones()
    {
        // Six fund agreements in Aarhus: 4 in monitoring (moved), 1 completed with all three measurements, 1 awaiting its move.
        List<AgreementRecord> agreements =
        [
            .. Enumerable.Range(1, 4).Select(i => Agreement($"m{i}", Aarhus, AgreementStatus.Monitoring)),
            Agreement("done", Aarhus, AgreementStatus.Completed),
            Agreement("waiting", Aarhus, AgreementStatus.AwaitingMove, moved: false),
        ];
        List<MeasurementRecord> measurements =
        [
            Measured("m1", Milestone.M3, new(0.2m, 194_000m, 30_000m)),                    // +6 000 a year over 3 months: 1 500
            Measured("done", Milestone.M3, new(0.2m, 194_000m, 30_000m)),
            Measured("done", Milestone.M12, new(0.25m, 188_000m, 36_000m)),
            Measured("done", Milestone.M36, new(0.4m, 160_000m, 60_000m)),                // docs/financing.md example 4: 129 000
            Measured("done", Milestone.M36, new(0.1m, 400_000m, 0m)) with { ExtensionMonths = 6 }, // an extra measurement settles nothing
        ];

        var report = PortfolioAggregation.Build(agreements, measurements, new HashSet<string> { Aarhus });

        var group = Assert.Single(report.Groups);
        Assert.Equal(("municipal-fund-v2", Aarhus), (group.Instrument, group.Municipality));
        Assert.Equal(6, group.Agreements);
        Assert.Equal(120_000m, group.CommittedDkk);          // 6 × 20 000
        Assert.Equal(100_000m, group.PaidDkk);               // the five that moved
        Assert.Equal(5 * 52_500m, group.ProjectedGainDkk);
        Assert.Equal(1_500m + 129_000m, group.RealisedGainDkk);
        Assert.Equal(0m, group.OutcomePaymentsDueDkk);       // a grant
        Assert.Equal(0m, group.WrittenOffDkk);               // the completed one covered its grant
        // 4 in monitoring, 1 completed, 1 waiting: each a group under 5, so not shown; statuses nobody is in show 0.
        Assert.False(group.ByStatus.ContainsKey(AgreementStatus.Monitoring));
        Assert.False(group.ByStatus.ContainsKey(AgreementStatus.Completed));
        Assert.False(group.ByStatus.ContainsKey(AgreementStatus.AwaitingMove));
        Assert.Equal(0, group.ByStatus[AgreementStatus.Rejected]);
    }

    [Fact]
    public void Outcome_payments_are_due_only_for_ended_agreements_under_the_outcome_contract()
    {
        List<AgreementRecord> agreements =
        [
            .. Enumerable.Range(1, 5).Select(i => Agreement($"c{i}", Odense, AgreementStatus.Completed, "outcome-contract-v1", 100_000m, FinancingRoute.ApprovedByApprover)),
        ];
        var measurements = agreements.SelectMany(agreement => new[]
        {
            Measured(agreement.AgreementId, Milestone.M3, new(0.2m, 194_000m, 30_000m)),
            Measured(agreement.AgreementId, Milestone.M12, new(0.25m, 188_000m, 36_000m)),
            Measured(agreement.AgreementId, Milestone.M36, new(0.4m, 160_000m, 60_000m)),
        }).ToList();

        var report = PortfolioAggregation.Build(agreements, measurements, new HashSet<string> { Odense });

        var total = Assert.Single(report.InstrumentTotals);
        Assert.Equal("outcome-contract-v1", total.Instrument);
        Assert.Null(total.Municipality);
        Assert.Equal(5 * 14_500m, total.OutcomePaymentsDueDkk);   // 0.5 × (129 000 − 100 000) each
        Assert.Equal(5 * 85_500m, total.WrittenOffDkk);
        Assert.Equal(5, total.ByStatus[AgreementStatus.Completed]);
    }

    [Fact]
    public void Groups_of_fewer_than_five_and_other_municipalities_are_not_shown()
    {
        List<AgreementRecord> agreements =
        [
            .. Enumerable.Range(1, 3).Select(i => Agreement($"a{i}", Aarhus, AgreementStatus.Monitoring)),
            .. Enumerable.Range(1, 7).Select(i => Agreement($"o{i}", Odense, AgreementStatus.Monitoring)),
        ];

        var report = PortfolioAggregation.Build(agreements, [], new HashSet<string> { Aarhus });

        var group = Assert.Single(report.Groups);
        Assert.True(group.Suppressed);
        Assert.Null(group.CommittedDkk);
        Assert.Empty(group.ByStatus);
        Assert.True(Assert.Single(report.InstrumentTotals).Suppressed);   // the total is the same three agreements
    }

    [Fact]
    public void Rejected_and_undecided_financing_commits_nothing()
    {
        List<AgreementRecord> agreements =
        [
            .. Enumerable.Range(1, 3).Select(i => Agreement($"r{i}", Aarhus, AgreementStatus.Rejected, route: FinancingRoute.RejectedByApprover, moved: false)),
            .. Enumerable.Range(1, 3).Select(i => Agreement($"u{i}", Aarhus, AgreementStatus.AwaitingFinancing, route: null, moved: false)),
        ];

        var group = Assert.Single(PortfolioAggregation.Build(agreements, [], new HashSet<string> { Aarhus }).Groups);

        Assert.Equal(6, group.Agreements);
        Assert.Equal(0m, group.CommittedDkk);
        Assert.Equal(0m, group.PaidDkk);
    }
}
