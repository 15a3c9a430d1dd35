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
public sealed class MyTasksPageHandler(SignedInPages signedIn, ITaskBoard board, PageRenderer pages, TimeProvider time)
{
    public const int PageSize = 25;

    private static readonly string HomePath = UiRoutes.PathOf(UiRoutes.Home);

    public async Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        if (!PageQuery.TryReadToken(context.Request, out var token))
        {
            return await InvalidLinkAsync(context, user);
        }

        var query = TaskQuery.ForUser(user);
        var page = new TaskPage([], null);
        if (query.Roles.Count > 0 && query.MunicipalityCodes.Count > 0)
        {
            try
            {
                page = await board.ListOpenAsync(query, token, PageSize, cancellationToken);
            }
            catch (ArgumentException) when (token is not null)
            {
                return await InvalidLinkAsync(context, user);
            }
        }

        var now = time.GetUtcNow();
        var model = new TasksPageModel
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
        return PageResults.Html(await pages.RenderAsync<TasksPage, TasksPageModel>(model, frame!));
    }

    private Task<IResult> InvalidLinkAsync(HttpContext context, CurrentUser user) =>
        signedIn.ErrorAsync(context, user, ErrorPageKind.InvalidPageLink, StatusCodes.Status400BadRequest, retryPath: HomePath);
}
