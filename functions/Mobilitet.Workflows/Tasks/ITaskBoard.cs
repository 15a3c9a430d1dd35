namespace Mobilitet.Workflows.Tasks;

/// <summary>
/// The task board: the open tasks of every agreement, read by role and municipality ("Mine opgaver")
/// or by agreement, always by key. Closing a task removes it: the agreement's timeline keeps the history.
/// Every operation is idempotent, so activities may repeat them.
/// </summary>
public interface ITaskBoard
{
    /// <summary>Opens the task, or updates it if it is open already (a new due date, a new level); it keeps its first <see cref="CaseTask.OpenedAt"/>.</summary>
    Task OpenAsync(CaseTask task, CancellationToken cancellationToken);

    /// <summary>Closes one task of the agreement; a task that is not open is fine.</summary>
    Task CloseAsync(string agreementId, string taskId, CancellationToken cancellationToken);

    /// <summary>Closes every open task of the agreement.</summary>
    Task CloseAllAsync(string agreementId, CancellationToken cancellationToken);

    /// <summary>
    /// The open tasks of <paramref name="query"/>'s roles and municipalities, by due instant (overdue first),
    /// then agreement id. <paramref name="pageSize"/> is 1–<see cref="MaxPageSize"/>.
    /// </summary>
    /// <param name="continuationToken">Null for the first page, else the token of the page before.</param>
    /// <exception cref="ArgumentException">The continuation token is not one this board gave out.</exception>
    Task<TaskPage> ListOpenAsync(TaskQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>The agreement's open tasks, by due instant.</summary>
    Task<IReadOnlyList<CaseTask>> ListForAgreementAsync(string agreementId, CancellationToken cancellationToken);

    /// <summary>Removes everything the board holds about the agreement (after a withdrawal of consent).</summary>
    Task EraseAsync(string agreementId, CancellationToken cancellationToken);

    /// <summary>The largest page <see cref="ListOpenAsync"/> serves.</summary>
    public const int MaxPageSize = 200;
}
