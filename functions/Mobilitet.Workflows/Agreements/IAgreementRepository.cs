using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Agreements;

/// <summary>
/// The agreements read model (Azure Tables in production, partitioned by municipality). Every write keeps
/// the list index behind <see cref="IAgreementList"/> in step.
/// </summary>
public interface IAgreementRepository
{
    /// <summary>Adds a new agreement. Adding the same id again with the same data is a no-op.</summary>
    Task AddAsync(AgreementRecord agreement, CancellationToken cancellationToken);

    Task<AgreementRecord?> FindAsync(string agreementId, CancellationToken cancellationToken);

    /// <summary>Every agreement of a municipality and/or status, unsorted and unpaged (maintenance jobs; pages use <see cref="IAgreementList"/>).</summary>
    Task<IReadOnlyList<AgreementRecord>> ListAsync(string? municipalityCode, AgreementStatus? status, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> agreements with final status <paramref name="status"/> that ended
    /// (<see cref="AgreementRecord.EndedOrLastChangedAt"/>) before <paramref name="endedBefore"/> and whose personal data the
    /// retention job has not finished with (<see cref="AgreementRecord.PersonalDataErasedAt"/> unset), longest ended first.
    /// Reads an index of ended agreements, never the whole table.
    /// </summary>
    Task<IReadOnlyList<AgreementRecord>> ListDueForErasureAsync(AgreementStatus status, DateTimeOffset endedBefore, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a change made by the workflow at orchestration time <paramref name="at"/>. A change
    /// older than the last applied change is ignored, so a retried activity cannot move the
    /// agreement backwards.
    /// </summary>
    Task UpdateAsync(string agreementId, DateTimeOffset at, Func<AgreementRecord, AgreementRecord> change, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a change to what is recorded once and never revised (the move date, the financing decision), made by the
    /// workflow at orchestration time <paramref name="at"/>, however late it comes, also after a later change: a crash can
    /// let a later step overtake the activity that records it (docs/reliability.md, "A move date lost to a late activity"), and ignored as older the
    /// fact would be lost for good. The agreement's last change time stays the later of the two.
    /// </summary>
    Task RecordFactAsync(string agreementId, DateTimeOffset at, Func<AgreementRecord, AgreementRecord> change, CancellationToken cancellationToken);

    /// <summary>
    /// Sets <see cref="AgreementRecord.OpenTaskCount"/> and <see cref="AgreementRecord.EarliestTaskDueAt"/>
    /// from <paramref name="summarize"/>, which reads the task board. It is called after the agreement is
    /// read and the result is written only if nobody wrote in between (else both run again), so of two
    /// writers that each changed tasks first, the later summary wins and counts both. Not subject to the
    /// change-time rule of <see cref="UpdateAsync"/>: the summary is read, not carried by a change.
    /// </summary>
    /// <returns>False if the agreement is not in the read model.</returns>
    Task<bool> SetTaskSummaryAsync(string agreementId, Func<CancellationToken, Task<TaskSummary>> summarize, CancellationToken cancellationToken);

    /// <summary>Removes the agreement's row entirely (only used to undo a creation that could not be started).</summary>
    Task RemoveAsync(string agreementId, CancellationToken cancellationToken);
}
