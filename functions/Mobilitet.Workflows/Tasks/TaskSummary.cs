namespace Mobilitet.Workflows.Tasks;

/// <summary>What an agreement's open tasks add up to in its read model: how many, and the earliest due.</summary>
public sealed record TaskSummary(int OpenCount, DateTimeOffset? EarliestDueAt)
{
    public static TaskSummary None { get; } = new(0, null);

    public static TaskSummary Of(IReadOnlyCollection<CaseTask> openTasks)
    {
        ArgumentNullException.ThrowIfNull(openTasks);
        return openTasks.Count == 0 ? None : new TaskSummary(openTasks.Count, openTasks.Min(task => task.DueAt));
    }
}
