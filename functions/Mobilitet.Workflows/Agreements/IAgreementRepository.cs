using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Agreements;

/// <summary>The agreements read model (Azure Tables in production, partitioned by municipality).</summary>
public interface IAgreementRepository
{
    /// <summary>Adds a new agreement. Adding the same id again with the same data is a no-op.</summary>
    Task AddAsync(AgreementRecord agreement, CancellationToken cancellationToken);

    Task<AgreementRecord?> FindAsync(string agreementId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AgreementRecord>> ListAsync(string? municipalityCode, AgreementStatus? status, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a change made by the workflow at orchestration time <paramref name="at"/>. A change
    /// older than the last applied change is ignored, so a retried activity cannot move the
    /// agreement backwards.
    /// </summary>
    Task UpdateAsync(string agreementId, DateTimeOffset at, Func<AgreementRecord, AgreementRecord> change, CancellationToken cancellationToken);

    /// <summary>Removes the agreement's row entirely (only used to undo a creation that could not be started).</summary>
    Task RemoveAsync(string agreementId, CancellationToken cancellationToken);
}
