using System.Text.Json.Serialization;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Measurements;

/// <summary>Where a milestone's values came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IndicatorOrigin>))]
public enum IndicatorOrigin
{
    /// <summary>Register extracts that cover the window (<see cref="RegisterIndicators"/>).</summary>
    Register = 1,

    /// <summary>Values a caseworker recorded by hand.</summary>
    Manual = 2,
}

/// <summary>
/// Where every number of a measurement came from, kept with the measurement and in its report: the window measured
/// (from <see cref="WindowStart"/> up to, not including, <see cref="WindowEnd"/>); for register data the uploads and
/// their lines that went in, how well they covered the window, which data the self-sufficiency rate was taken from
/// and the support-code table that classified the weeks; for a manual entry who recorded it and when.
/// It holds no personal data: uploads are named by id, people by opaque user id.
/// </summary>
public sealed record IndicatorProvenance
{
    public required IndicatorOrigin Origin { get; init; }

    public required DateOnly WindowStart { get; init; }

    public required DateOnly WindowEnd { get; init; }

    public string? EnteredBy { get; init; }

    public DateTimeOffset? EnteredAt { get; init; }

    public IReadOnlyList<UploadLines> Uploads { get; init; } = [];

    public SelfSufficiencySource SelfSufficiencyFrom { get; init; }

    public decimal? AmountCoverage { get; init; }

    public decimal? WeekCoverage { get; init; }

    public string? SupportCodeVersion { get; init; }

    /// <summary>A window measured from register data (its <see cref="RegisterMeasurement.Values"/> are not null).</summary>
    public static IndicatorProvenance FromRegister(RegisterMeasurement measurement, SupportCodeTable supportCodes)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentNullException.ThrowIfNull(supportCodes);
        return new IndicatorProvenance
        {
            Origin = IndicatorOrigin.Register,
            WindowStart = measurement.Window.Start,
            WindowEnd = measurement.Window.End,
            Uploads = measurement.Contributions
                .GroupBy(contribution => (contribution.Row.UploadId, contribution.Format))
                .Select(upload => new UploadLines(
                    upload.Key.UploadId,
                    upload.Key.Format,
                    upload.Select(contribution => contribution.Row.Line).Distinct().Order().ToList()))
                .OrderBy(upload => upload.UploadId, StringComparer.Ordinal)
                .ThenBy(upload => upload.Format)
                .ToList(),
            SelfSufficiencyFrom = measurement.SelfSufficiencyFrom,
            AmountCoverage = measurement.AmountCoverage,
            WeekCoverage = measurement.WeekCoverage,
            SupportCodeVersion = measurement.SelfSufficiencyFrom == SelfSufficiencySource.Weeks ? supportCodes.Version : null,
        };
    }

    /// <summary>Values a caseworker recorded by hand for <paramref name="window"/>.</summary>
    public static IndicatorProvenance FromEntry(IndicatorWindow window, ManualIndicators entry)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(entry);
        return new IndicatorProvenance
        {
            Origin = IndicatorOrigin.Manual,
            WindowStart = window.Start,
            WindowEnd = window.End,
            EnteredBy = entry.EnteredBy,
            EnteredAt = entry.EnteredAt,
        };
    }
}

/// <summary>The lines of one upload (the header is line 1) that went into a measurement.</summary>
public sealed record UploadLines(string UploadId, ExtractFormat Format, IReadOnlyList<int> Lines);
