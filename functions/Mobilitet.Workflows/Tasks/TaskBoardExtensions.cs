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

    /// <summary>Every open task of <paramref name="query"/>'s roles and municipalities, page after page (maintenance jobs, metrics).</summary>
    public static async Task<IReadOnlyList<CaseTask>> ListAllOpenAsync(this ITaskBoard board, TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        var open = new List<CaseTask>();
        string? continuation = null;
        do
        {
            var page = await board.ListOpenAsync(query, continuation, ITaskBoard.MaxPageSize, cancellationToken).ConfigureAwait(false);
            open.AddRange(page.Tasks);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return open;
    }

    /// <summary>
    /// The milestones waiting for their measurement data: every open <see cref="TaskKind.MeasurementDataMissing"/> task
    /// in every municipality.
    /// </summary>
    public static async Task<IReadOnlyList<CaseTask>> ListAwaitingDataAsync(this ITaskBoard board, CancellationToken cancellationToken)
    {
        var everywhere = new TaskQuery([Identity.Roles.Caseworker], Municipalities.MunicipalityRegistry.All.Select(municipality => municipality.Code).ToList());
        return (await board.ListAllOpenAsync(everywhere, cancellationToken).ConfigureAwait(false))
            .Where(task => task.Kind == TaskKind.MeasurementDataMissing && task.Milestone is not null)
            .ToList();
    }
}
