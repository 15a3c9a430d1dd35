namespace Mobilitet.Workflows.Indicators;

public enum MeasurementOutcome
{
    OnTrack,
    BelowThreshold,
    MissingData,
}

/// <summary>Why a measurement is below its thresholds; each breach is its own reason code.</summary>
public enum Breach
{
    SelfSufficiencyBelowMinimum,
    ResourceDrawAboveMaximum,
}
