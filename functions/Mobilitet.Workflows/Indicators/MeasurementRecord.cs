namespace Mobilitet.Workflows.Indicators;

/// <summary>A milestone measurement as stored in the read model (one per agreement and milestone).</summary>
public sealed record MeasurementRecord(
    string AgreementId,
    Milestone Milestone,
    MeasurementOutcome Outcome,
    IReadOnlyList<Breach> Breaches,
    IndicatorValues? Values,
    DateTimeOffset MeasuredAt);

public interface IMeasurementRepository
{
    /// <summary>Stores the measurement of a milestone, replacing an earlier one for the same milestone.</summary>
    Task SaveAsync(MeasurementRecord measurement, CancellationToken cancellationToken);

    Task<IReadOnlyList<MeasurementRecord>> ListAsync(string agreementId, CancellationToken cancellationToken);

    Task EraseValuesAsync(string agreementId, CancellationToken cancellationToken);
}
