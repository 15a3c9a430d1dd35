using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Effects;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>"Effekt": the filter form as sent, its choices, and the report (null when the filters could not be used).</summary>
public sealed record EffectsPageModel
{
    public const string MunicipalityField = "kommune";
    public const string AreaField = "omraade";
    public const string DirectionField = "retning";
    public const string CohortField = "kohorte";

    /// <summary>The municipalities the person holds (code, name), in Danish alphabetical order.</summary>
    public required IReadOnlyList<SelectOption> Municipalities { get; init; }

    /// <summary>The filters as typed (by field name).</summary>
    public required IReadOnlyDictionary<string, string?> Values { get; init; }

    public EffectReport? Report { get; init; }

    /// <summary>The CSV download of the same filters (the API with format=csv).</summary>
    public string? CsvPath { get; init; }

    public FieldErrors Errors { get; init; } = FieldErrors.None;

    public string? Value(string field) => Values.TryGetValue(field, out var value) ? value : null;

    /// <summary>"/api/effects?…&amp;format=csv" for filters given by their API names.</summary>
    public static string CsvPathFor(IEnumerable<KeyValuePair<string, string?>> apiFilters) =>
        "/" + ApiRoutes.Base + ApiRoutes.Effects
        + QueryString.Create(apiFilters.Where(pair => !string.IsNullOrEmpty(pair.Value)).Append(new("format", "csv"))).ToUriComponent();
}

/// <summary>How the effect page writes its numbers (Danish), and the charts' data.</summary>
public static class EffectFormat
{
    private static readonly CultureInfo Danish = DanishFormat.Culture;

    public static string Count(Figure figure) => Text(figure, value => value.ToString("#,##0", Danish));

    /// <summary>A share (0–1) in percent: "80 %".</summary>
    public static string Share(Figure figure) => Text(figure, value => (value * 100m).ToString("0.#", Danish) + " %");

    /// <summary>A change of a rate (0–1) in percentage points, with its sign: "+7 pct.-point", "−2,5 pct.-point".</summary>
    public static string Points(Figure figure) => Text(figure, value => Signed(value * 100m, "0.#") + " pct.-point");

    /// <summary>A change in kroner per year with its sign: "+19.000 kr.".</summary>
    public static string Dkk(Figure figure) => Text(figure, value => Signed(value, "#,##0") + " kr.");

    private static string Signed(decimal value, string format) =>
        (value > 0 ? "+" : value < 0 ? "−" : string.Empty) + Math.Abs(value).ToString(format, Danish);

    private static string Text(Figure figure, Func<decimal, string> format) =>
        figure.IsSuppressed ? Figure.SuppressedText : figure.Value is { } value ? format(value) : "–";

    /// <summary>
    /// A grouping's chart data as JSON (invariant numbers; null where a number is suppressed or has no data): the groups'
    /// labels, and per milestone the mean change of the annual net contribution (kr.) and the share on track (percent).
    /// Read by js/effect-charts.js; the table beside it holds the same numbers.
    /// </summary>
    public static string ChartJson(IReadOnlyList<EffectRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var data = new
        {
            labels = rows.Select(row => row.Label).ToArray(),
            milestones = Milestones.InOrder.Select(milestone => milestone.ToString()).ToArray(),
            netContribution = Milestones.InOrder.Select(milestone => rows.Select(row => row.Milestones[milestone].NetContributionChangeMean.Value).ToArray()).ToArray(),
            onTrack = Milestones.InOrder.Select(milestone => rows.Select(row => row.Milestones[milestone].ShareOnTrack.Value is { } share ? Math.Round(share * 100m, 1) : (decimal?)null).ToArray()).ToArray(),
        };
        return JsonSerializer.Serialize(data);
    }
}
