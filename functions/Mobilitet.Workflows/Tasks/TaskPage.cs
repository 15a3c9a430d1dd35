namespace Mobilitet.Workflows.Tasks;

/// <summary>One page of open tasks, due first (overdue ones at the top); pass <see cref="ContinuationToken"/> back for the next page (null: no more).</summary>
public sealed record TaskPage(IReadOnlyList<CaseTask> Tasks, string? ContinuationToken);
