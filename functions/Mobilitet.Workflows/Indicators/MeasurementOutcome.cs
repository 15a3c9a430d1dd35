using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Indicators;

[JsonConverter(typeof(JsonStringEnumConverter<MeasurementOutcome>))]
public enum MeasurementOutcome
{
    OnTrack,
    BelowThreshold,
    MissingData,
}

/// <summary>Why a measurement is below its thresholds; each breach is its own reason code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Breach>))]
public enum Breach
{
    SelfSufficiencyBelowMinimum,
    ResourceDrawAboveMaximum,

    /// <summary>The resident's well-being check-in scored below the policy's minimum.</summary>
    WellBeingBelowMinimum,
}
