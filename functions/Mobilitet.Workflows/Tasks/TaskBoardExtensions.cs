using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Workflows.Tasks;

public static class TaskBoardExtensions
{
    /// <summary>
    /// Brings the agreement's read model in line with its open tasks (their count and earliest due, from
    /// which its next due date and whether it needs action follow). Call it after changing the agreement's tasks.
    /// </summary>
    /// <returns>False if the agreement is not in the read model.</returns>
    public static Task<bool> RefreshAgreementAsync(this ITaskBoard board, IAgreementRepository agreements, string agreementId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(agreements);
        return agreements.SetTaskSummaryAsync(
            agreementId,
            async ct => TaskSummary.Of(await board.ListForAgreementAsync(agreementId, ct).ConfigureAwait(false)),
            cancellationToken);
    }
}
