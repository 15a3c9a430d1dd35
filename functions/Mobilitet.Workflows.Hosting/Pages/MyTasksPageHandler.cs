using Microsoft.AspNetCore.Http;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// "Mine opgaver" (/, <see cref="UiRoutes.Home"/>): the signed-in person's open tasks from the task board — each
/// of their roles that has tasks, in each municipality they serve — read by key, due first, one page at a time.
/// </summary>
public sealed class MyTasksPageHandler(ListPages lists, ITaskBoard board, TimeProvider time)
{
    public const int PageSize = 25;

    private static readonly string HomePath = UiRoutes.PathOf(UiRoutes.Home);

    public Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken) =>
        lists.ShowAsync<TasksPage, TasksPageModel>(context, null, string.Empty, HomePath, (user, token) => ModelAsync(user, token, cancellationToken));

    private async Task<TasksPageModel> ModelAsync(CurrentUser user, string? token, CancellationToken cancellationToken)
    {
        var query = TaskQuery.ForUser(user);
        var page = query.Roles.Count > 0 && query.MunicipalityCodes.Count > 0
            ? await board.ListOpenAsync(query, token, PageSize, cancellationToken)
            : new TaskPage([], null);
        var now = time.GetUtcNow();
        return new TasksPageModel
        {
            // The board lists by role and municipality already; the rule is checked again for each row.
            Tasks = page.Tasks
                .Where(task => user.MayActAs(task.Role, task.MunicipalityCode))
                .Select(task => new TaskRow(task, MunicipalityRegistry.NameOf(task.MunicipalityCode), task.IsOverdue(now)))
                .ToList(),
            HasTaskRoles = query.Roles.Count > 0,
            NextPagePath = ListPaging.NextPath(HomePath, page.ContinuationToken),
            FirstPagePath = token is null ? null : HomePath,
        };
    }
}
