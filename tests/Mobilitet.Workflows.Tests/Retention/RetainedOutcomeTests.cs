using System.Text.Json;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Effects;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Retention;

namespace Mobilitet.Workflows.Tests.Retention;

/// <summary>
/// The anonymous outcome an erasure keeps is what the statistics need: the effect dashboard and the portfolio built from
/// erased agreements (no baseline, measurements without values, the outcome kept) equal those built before, across
/// statuses, paid and unpaid, settled at the end or not, extra measurements, and withdrawn agreements already without data.
/// </summary>
public sealed class RetainedOutcomeTests
{
    private static readonly DateTimeOffset Created = new(2021, 2, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_dashboard_and_the_portfolio_are_the_same_after_the_erasure()
    {
        var (agreements, measurements) = Sample();
        var municipalities = new HashSet<string>(StringComparer.Ordinal) { "0751", "0101" };
        var before = Figures(agreements, measurements, municipalities);
        var effects = EffectAggregation.Build(agreements, measurements, [], new EffectFilter { Municipalities = municipalities });
        Assert.All(Milestones.InOrder, milestone => Assert.NotNull(effects.Total.Milestones[milestone].NetContributionChangeMedian.Value));

        var erased = agreements.Select(agreement => agreement with { Baseline = null, Retained = RetainedOutcome.Of(agreement, measurements) }).ToList();
        var emptied = measurements.Select(measurement => measurement with { Values = null }).ToList();

        Assert.Equal(before, Figures(erased, emptied, municipalities));
        Assert.NotEqual(before, Figures(agreements.Select(agreement => agreement with { Baseline = null }).ToList(), emptied, municipalities)); // without the kept outcome they would change
    }

    [Fact]
    public void The_kept_outcome_holds_changes_from_the_baseline_not_the_persons_values()
    {
        var agreement = Agreement(1, "0751", AgreementStatus.Completed, paid: true, settledAtEnd: false);
        var measured = new MeasurementRecord(agreement.AgreementId, Milestone.M3, MeasurementOutcome.OnTrack, [], new IndicatorValues(0.35m, 150_000m, 40_000m), Created);
        var extension = measured with { ExtensionMonths = 6, Values = new IndicatorValues(0.9m, 1m, 1m) };

        var outcome = RetainedOutcome.Of(agreement, [measured, extension]);

        var change = Assert.Single(outcome.Milestones);
        Assert.Equal((Milestone.M3, 0.15m, 59_000m), (change.Milestone, change.SelfSufficiencyChange, change.NetContributionChangeDkk));
        Assert.NotNull(outcome.ProjectedGain36Dkk);
        Assert.NotNull(outcome.Settlement); // no settlement kept at the end: computed on what was measured
        Assert.DoesNotContain("150000", JsonSerializer.Serialize(outcome), StringComparison.Ordinal);
        Assert.Null(RetainedOutcome.Of(agreement with { Settlement = new SettlementSummary(36, 1m, 1m, 0m, Created) }, [measured]).Settlement);
    }

    private static string Figures(IReadOnlyList<AgreementRecord> agreements, IReadOnlyList<MeasurementRecord> measurements, IReadOnlySet<string> municipalities) =>
        JsonSerializer.Serialize(EffectAggregation.Build(agreements, measurements.Where(m => m.ExtensionMonths is null), [], new EffectFilter { Municipalities = municipalities }))
        + "\n" + JsonSerializer.Serialize(PortfolioAggregation.Build(agreements, measurements, municipalities));

    private static AgreementRecord Agreement(int number, string municipality, AgreementStatus status, bool paid, bool settledAtEnd) => new()
    {
        AgreementId = "fa-" + number.ToString("x20", System.Globalization.CultureInfo.InvariantCulture),
        MunicipalityCode = municipality,
        HousingAssociation = "Boligforeningen",
        Direction = number % 3 == 0 ? MoveDirection.In : MoveDirection.Out,
        FromArea = "Gellerupparken",
        ToArea = "Vollsmose",
        PlannedMoveDate = new DateOnly(2021, 3, 1),
        MovedOn = paid ? new DateOnly(2021, 3, 1) : null,
        PolicyName = PolicyCatalog.DefaultName,
        Status = status,
        CreatedAt = Created,
        LastChangedAt = Created.AddYears(1),
        DayLength = TimeSpan.FromDays(1),
        Baseline = status == AgreementStatus.ConsentWithdrawn ? null : new IndicatorValues(0.2m, 200_000m - (number * 1_000m), 30_000m),
        RequestedDkk = 30_000m,
        ApprovedDkk = 30_000m,
        FinancingRoute = FinancingRoute.AutoApproved,
        SupervisorLevels = 1,
        Settlement = settledAtEnd ? new SettlementSummary(36, 50_000m + number, 5_000m, 0m, Created.AddYears(3)) : null,
    };

    private static (List<AgreementRecord> Agreements, List<MeasurementRecord> Measurements) Sample()
    {
        List<AgreementRecord> agreements = [];
        List<MeasurementRecord> measurements = [];
        var number = 0;
        foreach (var municipality in new[] { "0751", "0101" })
        {
            foreach (var status in new[] { AgreementStatus.Completed, AgreementStatus.Cancelled, AgreementStatus.Declined, AgreementStatus.ConsentWithdrawn })
            {
                for (var i = 0; i < 6; i++)
                {
                    number++;
                    var paid = status != AgreementStatus.Declined;
                    var agreement = Agreement(number, municipality, status, paid, settledAtEnd: status == AgreementStatus.Completed && i % 2 == 0);
                    agreements.Add(agreement);
                    if (!paid)
                    {
                        continue;
                    }

                    foreach (var (milestone, step) in Milestones.InOrder.Select((milestone, step) => (milestone, step)))
                    {
                        var values = status == AgreementStatus.ConsentWithdrawn ? null : new IndicatorValues(0.2m + (0.07m * (step + 1)) - (i * 0.01m), 190_000m - (number * 900m) - (step * 4_000m), 31_000m + (i * 800m));
                        measurements.Add(new MeasurementRecord(agreement.AgreementId, milestone, (i + step) % 3 == 0 ? MeasurementOutcome.BelowThreshold : MeasurementOutcome.OnTrack, [], values, Created.AddMonths(4 + (12 * step))));
                    }

                    measurements.Add(new MeasurementRecord(agreement.AgreementId, Milestone.M12, MeasurementOutcome.OnTrack, [], new IndicatorValues(0.99m, 1m, 999_999m), Created.AddMonths(20)) { ExtensionMonths = 6 });
                }
            }
        }

        return (agreements, measurements);
    }
}
