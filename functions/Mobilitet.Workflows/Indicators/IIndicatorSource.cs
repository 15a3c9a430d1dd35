namespace Mobilitet.Workflows.Indicators;

/// <summary>
/// Where measured indicators come from. The first implementation is a store the HTTP API fills
/// (caseworkers record values); a register-based source can replace it later.
/// </summary>
public interface IIndicatorSource
{
    /// <summary>The values for a milestone's window, or null while they are not available.</summary>
    Task<IndicatorValues?> FindAsync(string agreementId, Milestone milestone, CancellationToken cancellationToken);
}

/// <summary>Stores indicator values recorded by hand for a milestone.</summary>
public interface IIndicatorStore : IIndicatorSource
{
    Task SaveAsync(string agreementId, Milestone milestone, IndicatorValues values, CancellationToken cancellationToken);

    Task EraseAsync(string agreementId, CancellationToken cancellationToken);
}
