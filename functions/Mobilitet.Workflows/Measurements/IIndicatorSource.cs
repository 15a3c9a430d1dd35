using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;

namespace Mobilitet.Workflows.Measurements;

/// <summary>Where a milestone's indicators come from when it is measured, and a note of where each number came from.</summary>
public interface IIndicatorSource
{
    /// <summary>The values for <paramref name="milestone"/>'s window of <paramref name="agreement"/>, or null while its data is missing.</summary>
    Task<SourcedIndicators?> FindAsync(AgreementRecord agreement, Milestone milestone, CancellationToken cancellationToken);

    /// <summary>
    /// The values for an extra measurement of <paramref name="milestone"/>, <paramref name="months"/> later (<see cref="Extension"/>),
    /// or null while its data is missing.
    /// </summary>
    Task<SourcedIndicators?> FindExtensionAsync(AgreementRecord agreement, Milestone milestone, int months, CancellationToken cancellationToken);
}

/// <summary>A milestone's values and where they came from.</summary>
public sealed record SourcedIndicators(IndicatorValues Values, IndicatorProvenance Provenance);
