namespace Mobilitet.Workflows.Tasks;

/// <summary>
/// The task board: the open tasks of every agreement, read by role and municipality ("Mine opgaver")
/// or by agreement, always by key. Closing a task takes it off the board (the agreement's timeline keeps the
/// history) and remembers when, so that an opening from before that time, delivered late, does not bring it back
/// (after a crash the engine can run an activity again after the workflow has gone on: docs/reliability.md).
/// Every operation is idempotent, so activities may repeat them.
/// </summary>
public interface ITaskBoard
{
    /// <summary>
    /// Opens the task, or updates it if it is open already (a new due date, a new level); it keeps its first
    /// <see cref="CaseTask.OpenedAt"/>. <see cref="CaseTask.OpenedAt"/> is also this opening's time: an opening at or
    /// before the task's last closing, or before its latest opening, is a late repeat of an earlier one and changes nothing.
    /// </summary>
    /// <returns>False if the opening was a late repeat and nothing changed.</returns>
    Task<bool> OpenAsync(CaseTask task, CancellationToken cancellationToken);

    /// <summary>Closes one task of the agreement at <paramref name="closedAt"/>; a task that is not open is fine.</summary>
    Task CloseAsync(string agreementId, string taskId, DateTimeOffset closedAt, CancellationToken cancellationToken);

    /// <summary>Closes every open task of the agreement at <paramref name="closedAt"/>.</summary>
    Task CloseAllAsync(string agreementId, DateTimeOffset closedAt, CancellationToken cancellationToken);

    /// <summary>
    /// The open tasks of <paramref name="query"/>'s roles and municipalities, by due instant (overdue first),
    /// then agreement id. <paramref name="pageSize"/> is 1–<see cref="MaxPageSize"/>.
    /// </summary>
    /// <param name="continuationToken">Null for the first page, else the token of the page before.</param>
    /// <exception cref="ArgumentException">The continuation token is not one this board gave out.</exception>
    Task<TaskPage> ListOpenAsync(TaskQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>The agreement's open tasks, by due instant.</summary>
    Task<IReadOnlyList<CaseTask>> ListForAgreementAsync(string agreementId, CancellationToken cancellationToken);

    /// <summary>Removes everything the board holds about the agreement, closings included (after a withdrawal of consent).</summary>
    Task EraseAsync(string agreementId, CancellationToken cancellationToken);

    /// <summary>The largest page <see cref="ListOpenAsync"/> serves.</summary>
    public const int MaxPageSize = 200;
}
