using System.Text.Json;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>
/// The indicators at baseline, M3, M12 and M36 held against the pinned policy's thresholds: the rows of
/// the measurement table and the data of the chart (the same numbers, so the chart only repeats the table).
/// Thresholds are the policy's rules applied to the agreement's own baseline (<see cref="MeasurementEvaluation"/>).
/// </summary>
public static class IndicatorSeries
{
    /// <param name="entered">
    /// Values recorded by hand for milestones not measured yet: the workflow judges them when the milestone falls due,
    /// until then they are shown as entered (no outcome).
    /// </param>
    public static IReadOnlyList<IndicatorPoint> Points(
        AgreementRecord agreement,
        LifecyclePolicy? policy,
        IReadOnlyList<MeasurementRecord> measurements,
        IReadOnlyDictionary<Milestone, IndicatorValues>? entered = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(measurements);
        var baseline = agreement.Baseline;
        var points = new List<IndicatorPoint> { new(null, baseline, null, null, null, null) };
        foreach (var milestone in Milestones.InOrder)
        {
            var measured = measurements.FirstOrDefault(measurement => measurement.Milestone == milestone && measurement.ExtensionMonths is null);
            var rule = policy?.Milestones.FirstOrDefault(candidate => candidate.Milestone == milestone);
            var thresholds = baseline is not null && rule is not null ? MeasurementEvaluation.Evaluate(rule, baseline, null) : null;
            var values = measured is null && entered is not null && entered.TryGetValue(milestone, out var typed) ? typed : measured?.Values;
            points.Add(new IndicatorPoint(milestone, values, measured?.Outcome, measured?.MeasuredAt, thresholds?.MinSelfSufficiencyRate, thresholds?.MaxResourceDrawDkk)
            {
                Origin = measured?.Source?.Origin,
            });

            // Extra measurements an "extend monitoring" decision scheduled: after their milestone, against its thresholds.
            foreach (var extension in measurements.Where(measurement => measurement.Milestone == milestone && measurement.ExtensionMonths is not null).OrderBy(measurement => measurement.ExtensionMonths))
            {
                points.Add(new IndicatorPoint(milestone, extension.Values, extension.Outcome, extension.MeasuredAt, thresholds?.MinSelfSufficiencyRate, thresholds?.MaxResourceDrawDkk)
                {
                    Origin = extension.Source?.Origin,
                    ExtensionMonths = extension.ExtensionMonths,
                });
            }
        }

        return points;
    }

    /// <summary>
    /// The chart's data as JSON (invariant numbers; rates in percent): labels, the measured self-sufficiency rate and
    /// its minimum, the measured resource draw and its maximum; null where there is no value. Read by js/indicator-chart.js.
    /// </summary>
    public static string ChartJson(IReadOnlyList<IndicatorPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var data = new
        {
            labels = points.Select(point => point.Label).ToArray(),
            selfSufficiency = points.Select(point => Percent(point.Values?.SelfSufficiencyRate)).ToArray(),
            selfSufficiencyMinimum = points.Select(point => Percent(point.MinSelfSufficiencyRate)).ToArray(),
            resourceDraw = points.Select(point => point.Values?.ResourceDrawDkk).ToArray(),
            resourceDrawMaximum = points.Select(point => point.MaxResourceDrawDkk).ToArray(),
        };
        return JsonSerializer.Serialize(data);
    }

    /// <summary>A rate (0–1) in percent, rounded to one decimal.</summary>
    public static decimal? Percent(decimal? rate) => rate is { } value ? Math.Round(value * 100m, 1) : null;

    /// <summary>"20 %", "17,5 %": a rate as Danes write a percentage.</summary>
    public static string PercentText(decimal rate) => Percent(rate)!.Value.ToString("0.#", Notifications.DanishFormat.Culture) + " %";
}

/// <summary>One column of the chart, one row of the table: baseline (no milestone) or a milestone.</summary>
public sealed record IndicatorPoint(
    Milestone? Milestone,
    IndicatorValues? Values,
    MeasurementOutcome? Outcome,
    DateTimeOffset? MeasuredAt,
    decimal? MinSelfSufficiencyRate,
    decimal? MaxResourceDrawDkk)
{
    public string Label => Milestone is not { } milestone ? "Udgangspunkt"
        : ExtensionMonths is { } months ? $"{milestone} + {months} mdr."
        : milestone.ToString();

    /// <summary>For an extra measurement of the milestone (<see cref="Extension"/>): its months after the milestone; null for the milestone's own.</summary>
    public int? ExtensionMonths { get; init; }

    /// <summary>Where a measured milestone's values came from (null: not measured, data missing, or measured before sources were kept).</summary>
    public Measurements.IndicatorOrigin? Origin { get; init; }
}
