using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Web.Pages;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class IndicatorSeriesTests
{
    private static readonly AgreementRecord Agreement = new()
    {
        AgreementId = "fa-0123456789abcdefghij",
        MunicipalityCode = "0751",
        HousingAssociation = "Brabrand Boligforening",
        Direction = MoveDirection.Out,
        FromArea = "Gellerupparken",
        PlannedMoveDate = new DateOnly(2027, 2, 1),
        PolicyName = PolicyCatalog.StandardV1.Name,
        Status = AgreementStatus.Monitoring,
        CreatedAt = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
        LastChangedAt = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
        DayLength = TimeSpan.FromDays(1),
        Baseline = new IndicatorValues(0.2m, 200_000m, 30_000m),
        RequestedDkk = 20_000m,
        SupervisorLevels = 1,
    };

    [Fact]
    public void An_extra_measurement_follows_its_milestone_with_its_own_label_and_the_milestones_thresholds()
    {
        var at = new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var milestone = new MeasurementRecord(Agreement.AgreementId, Milestone.M3, MeasurementOutcome.BelowThreshold, [Breach.ResourceDrawAboveMaximum], new IndicatorValues(0.5m, 260_000m, 10_000m), at);
        var extension = new MeasurementRecord(Agreement.AgreementId, Milestone.M3, MeasurementOutcome.OnTrack, [], new IndicatorValues(0.5m, 220_000m, 10_000m), at.AddMonths(6)) { ExtensionMonths = 6 };

        var points = IndicatorSeries.Points(Agreement, PolicyCatalog.StandardV1, [extension, milestone]);

        Assert.Equal(["Udgangspunkt", "M3", "M3 + 6 mdr.", "M12", "M36"], points.Select(point => point.Label));
        Assert.Equal((260_000m, MeasurementOutcome.BelowThreshold), (points[1].Values!.ResourceDrawDkk, points[1].Outcome));
        Assert.Equal((220_000m, MeasurementOutcome.OnTrack, 6), (points[2].Values!.ResourceDrawDkk, points[2].Outcome, points[2].ExtensionMonths));
        Assert.Equal(points[1].MaxResourceDrawDkk, points[2].MaxResourceDrawDkk);
        Assert.Equal(230_000m, points[2].MaxResourceDrawDkk);
    }
}
