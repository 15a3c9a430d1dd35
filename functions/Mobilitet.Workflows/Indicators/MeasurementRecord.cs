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

    /// <summary>
    /// For an extra measurement a supervisor's decision scheduled (<see cref="Extension"/>): how many months after the
    /// milestone it was taken; null for the milestone's own measurement. Aggregates of milestones leave extensions out.
    /// </summary>
    public int? ExtensionMonths { get; init; }

    /// <summary>"M3" for the milestone's own measurement, "M3+6" for an extra one; one measurement per label.</summary>
    public string Label => ExtensionMonths is { } months ? Extension.Label(Milestone, months) : Milestone.ToString();
}

public interface IMeasurementRepository
{
    /// <summary>Stores the measurement of a milestone (or an extension of it), replacing an earlier one with the same <see cref="MeasurementRecord.Label"/>.</summary>
    Task SaveAsync(MeasurementRecord measurement, CancellationToken cancellationToken);

    Task<IReadOnlyList<MeasurementRecord>> ListAsync(string agreementId, CancellationToken cancellationToken);

    /// <summary>
    /// Every measurement of every agreement, in no particular order, read as one stream (one table query, paged by the
    /// store) rather than one read per agreement: for aggregates such as the effect dashboard.
    /// </summary>
    IAsyncEnumerable<MeasurementRecord> ReadAllAsync(CancellationToken cancellationToken);

    Task EraseValuesAsync(string agreementId, CancellationToken cancellationToken);
}
