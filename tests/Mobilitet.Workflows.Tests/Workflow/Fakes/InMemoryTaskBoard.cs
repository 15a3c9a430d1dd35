using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>The task board in memory: open tasks by agreement and task id, and when each task was last opened and closed.</summary>
public sealed class InMemoryTaskBoard : ITaskBoard
{
    private readonly Dictionary<(string AgreementId, string TaskId), (CaseTask Task, DateTimeOffset LastOpenedAt)> open = [];
    private readonly Dictionary<(string AgreementId, string TaskId), DateTimeOffset> closed = [];
    private readonly Lock gate = new();

    public Task<bool> OpenAsync(CaseTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        lock (gate)
        {
            var key = (task.AgreementId, task.TaskId);
            if (closed.TryGetValue(key, out var closedAt) && task.OpenedAt <= closedAt)
            {
                return Task.FromResult(false);
            }

            var isOpen = open.TryGetValue(key, out var existing);
            if (isOpen && existing.LastOpenedAt > task.OpenedAt)
            {
                return Task.FromResult(false);
            }

            closed.Remove(key);
            open[key] = (isOpen ? task with { OpenedAt = existing.Task.OpenedAt } : task, task.OpenedAt);
        }

        return Task.FromResult(true);
    }

    public Task CloseAsync(string agreementId, string taskId, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Close((agreementId, taskId), closedAt);
        }

        return Task.CompletedTask;
    }

    public Task CloseAllAsync(string agreementId, DateTimeOffset closedAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var key in open.Keys.Where(key => key.AgreementId == agreementId).ToList())
            {
                Close(key, closedAt);
            }
        }

        return Task.CompletedTask;
    }

    public Task<TaskPage> ListOpenAsync(TaskQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The workflow never lists the board; the board's own tests cover paging.");

    public Task<IReadOnlyList<CaseTask>> ListForAgreementAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<CaseTask> tasks = [.. open.Values.Select(entry => entry.Task).Where(task => task.AgreementId == agreementId).OrderBy(task => task.DueAt)];
            return Task.FromResult(tasks);
        }
    }

    public Task EraseAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var key in open.Keys.Concat(closed.Keys).Where(key => key.AgreementId == agreementId).ToList())
            {
                open.Remove(key);
                closed.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    // As the table board: a closing older than the task's last opening changes nothing; the later closing is kept.
    private void Close((string AgreementId, string TaskId) key, DateTimeOffset closedAt)
    {
        if (open.TryGetValue(key, out var entry) && entry.LastOpenedAt > closedAt)
        {
            return;
        }

        open.Remove(key);
        closed[key] = closed.TryGetValue(key, out var before) && before > closedAt ? before : closedAt;
    }
}
