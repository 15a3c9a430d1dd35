using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Web.Pages;

/// <summary>
/// "Mine opgaver" (the front page): one page of the person's open tasks, due first (overdue ones at the top),
/// or, for someone whose roles have no tasks (monitoring, administration), where to go instead.
/// </summary>
public sealed record TasksPageModel
{
    public required IReadOnlyList<TaskRow> Tasks { get; init; }

    /// <summary>The person holds a role that has tasks (caseworker, finance approver, supervisor).</summary>
    public required bool HasTaskRoles { get; init; }

    /// <summary>The next page's address (null: this is the last page).</summary>
    public string? NextPagePath { get; init; }

    /// <summary>The first page's address, on a later page.</summary>
    public string? FirstPagePath { get; init; }

    /// <summary>Why a follow-up's "done" sent from this page was not recorded (the item is the escalation id).</summary>
    public ListRefusal? Refusal { get; init; }
}

/// <param name="MunicipalityName">The agreement's municipality, by name.</param>
/// <param name="IsOverdue">Past its due instant now.</param>
public sealed record TaskRow(CaseTask Task, string MunicipalityName, bool IsOverdue);
