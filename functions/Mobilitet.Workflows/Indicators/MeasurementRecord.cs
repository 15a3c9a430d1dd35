namespace Mobilitet.Workflows.Indicators;

/// <summary>A milestone measurement as stored in the read model (one per agreement and milestone).</summary>
public sealed record MeasurementRecord(
    string AgreementId,
    Milestone Milestone,
    MeasurementOutcome Outcome,
    IReadOnlyList<Breach> Breaches,
    IndicatorValues? Values,
    DateTimeOffset MeasuredAt)
{
    /// <summary>Where the values came from; null when the data was missing, or for a measurement taken before sources were kept.</summary>
    public Measurements.IndicatorProvenance? Source { get; init; }
}

public interface IMeasurementRepository
{
    /// <summary>Stores the measurement of a milestone, replacing an earlier one for the same milestone.</summary>
    Task SaveAsync(MeasurementRecord measurement, CancellationToken cancellationToken);

    Task<IReadOnlyList<MeasurementRecord>> ListAsync(string agreementId, CancellationToken cancellationToken);

    Task EraseValuesAsync(string agreementId, CancellationToken cancellationToken);
}
