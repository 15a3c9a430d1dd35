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

    /// <summary>
    /// Every measurement of every agreement, in no particular order, read as one stream (one table query, paged by the
    /// store) rather than one read per agreement: for aggregates such as the effect dashboard.
    /// </summary>
    IAsyncEnumerable<MeasurementRecord> ReadAllAsync(CancellationToken cancellationToken);

    Task EraseValuesAsync(string agreementId, CancellationToken cancellationToken);
}
