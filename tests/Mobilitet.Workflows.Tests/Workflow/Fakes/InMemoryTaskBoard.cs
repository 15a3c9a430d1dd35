using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>The task board in memory: open tasks by agreement and task id.</summary>
public sealed class InMemoryTaskBoard : ITaskBoard
{
    private readonly Dictionary<(string AgreementId, string TaskId), CaseTask> open = [];
    private readonly Lock gate = new();

    public Task OpenAsync(CaseTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        lock (gate)
        {
            var key = (task.AgreementId, task.TaskId);
            open[key] = open.TryGetValue(key, out var existing) ? task with { OpenedAt = existing.OpenedAt } : task;
        }

        return Task.CompletedTask;
    }

    public Task CloseAsync(string agreementId, string taskId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            open.Remove((agreementId, taskId));
        }

        return Task.CompletedTask;
    }

    public Task CloseAllAsync(string agreementId, CancellationToken cancellationToken) => EraseAsync(agreementId, cancellationToken);

    public Task<TaskPage> ListOpenAsync(TaskQuery query, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The workflow never lists the board; the board's own tests cover paging.");

    public Task<IReadOnlyList<CaseTask>> ListForAgreementAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<CaseTask> tasks = [.. open.Values.Where(task => task.AgreementId == agreementId).OrderBy(task => task.DueAt)];
            return Task.FromResult(tasks);
        }
    }

    public Task EraseAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var key in open.Keys.Where(key => key.AgreementId == agreementId).ToList())
            {
                open.Remove(key);
            }
        }

        return Task.CompletedTask;
    }
}
