using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Lifecycle.Tests.Infrastructure;

/// <summary>
/// The effect dashboard's test data, written straight into a host's read model (aggregates need no workflow): Aarhus
/// (0751) with six agreements out of Gellerupparken (five measured at M3) and three out of Bispehaven; Odense (0461) with
/// six into Vollsmose (a "move" escalation each, one unresolved); Copenhagen (0101) with five out of Tingbjerg.
/// </summary>
public static class EffectSamples
{
    private const string Aarhus = "0751";
    private const string Odense = "0461";
    private const string Copenhagen = "0101";

    private static readonly IndicatorValues Baseline = new(0.20m, 200_000m, 30_000m);

    /// <summary>Fixed ids, so every test may seed again (adding the same agreement again changes nothing).</summary>
    public static string Id(int number) => "fa-" + number.ToString("x20", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task SeedAsync(IServiceProvider services)
    {
        var agreements = services.GetRequiredService<IAgreementRepository>();
        var measurements = services.GetRequiredService<IMeasurementRepository>();
        var escalations = services.GetRequiredService<IEscalationRepository>();
        var created = new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);

        AgreementRecord Agreement(int number, string municipality, MoveDirection direction, string area, AgreementStatus status) => new()
        {
            AgreementId = Id(number),
            MunicipalityCode = municipality,
            HousingAssociation = "Boligforeningen",
            Direction = direction,
            FromArea = direction == MoveDirection.Out ? area : "Et andet sted",
            ToArea = direction == MoveDirection.In ? area : null,
            PlannedMoveDate = new DateOnly(2026, 3, 1),
            PolicyName = PolicyCatalog.DefaultName,
            Status = status,
            CreatedAt = created,
            LastChangedAt = created,
            DayLength = TimeSpan.FromDays(1),
            Baseline = Baseline,
            RequestedDkk = 20_000m,
            SupervisorLevels = 2,
        };

        List<AgreementRecord> all =
        [
            .. Enumerable.Range(1, 6).Select(i => Agreement(i, Aarhus, MoveDirection.Out, "Gellerupparken", AgreementStatus.Monitoring)),
            .. Enumerable.Range(11, 3).Select(i => Agreement(i, Aarhus, MoveDirection.Out, "Bispehaven", AgreementStatus.Monitoring)),
            .. Enumerable.Range(21, 6).Select(i => Agreement(i, Odense, MoveDirection.In, "Vollsmose", AgreementStatus.AwaitingMove)),
            .. Enumerable.Range(31, 5).Select(i => Agreement(i, Copenhagen, MoveDirection.Out, "Tingbjerg", AgreementStatus.Monitoring)),
        ];
        foreach (var agreement in all)
        {
            await agreements.AddAsync(agreement, CancellationToken.None);
        }

        // Net contribution at baseline −170,000; at M3 −140,000, −170,000, −90,000, −200,000, −155,000: mean change +19,000.
        (decimal Rate, decimal Draw, decimal Tax, MeasurementOutcome Outcome)[] m3 =
        [
            (0.30m, 180_000m, 40_000m, MeasurementOutcome.OnTrack),
            (0.20m, 200_000m, 30_000m, MeasurementOutcome.OnTrack),
            (0.50m, 150_000m, 60_000m, MeasurementOutcome.OnTrack),
            (0.10m, 220_000m, 20_000m, MeasurementOutcome.BelowThreshold),
            (0.25m, 190_000m, 35_000m, MeasurementOutcome.OnTrack),
        ];
        for (var i = 0; i < m3.Length; i++)
        {
            await measurements.SaveAsync(
                new MeasurementRecord(Id(i + 1), Milestone.M3, m3[i].Outcome, [], new IndicatorValues(m3[i].Rate, m3[i].Draw, m3[i].Tax), created.AddMonths(4)),
                CancellationToken.None);
        }

        await measurements.SaveAsync(new MeasurementRecord(Id(31), Milestone.M3, MeasurementOutcome.OnTrack, [], new IndicatorValues(0.9m, 1m, 900_000m), created.AddMonths(4)), CancellationToken.None);

        foreach (var number in Enumerable.Range(21, 6))
        {
            await escalations.SaveAsync(
                new EscalationRecord
                {
                    EscalationId = EscalationIds.For(Id(number), "move"),
                    AgreementId = Id(number),
                    Reason = EscalationReason.MoveOverdue,
                    Subject = "move",
                    Level = 1,
                    Status = number == 26 ? EscalationStatus.Unresolved : EscalationStatus.ClosedBySystem,
                    RaisedAt = created.AddMonths(2),
                },
                CancellationToken.None);
        }
    }
}
