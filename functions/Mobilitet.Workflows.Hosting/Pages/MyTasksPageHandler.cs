using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Http.Requests;
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
public sealed class MyTasksPageHandler(ListPages lists, ITaskBoard board, FollowUpCommands followUps, TimeProvider time)
{
    public const int PageSize = 25;

    private static readonly string HomePath = UiRoutes.PathOf(UiRoutes.Home);

    public Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken) =>
        lists.ShowAsync<TasksPage, TasksPageModel>(context, null, string.Empty, HomePath, (user, token) => ModelAsync(user, token, cancellationToken));

    /// <summary>POST /opgaver/opfoelgning/{escalationId}/udfoert: the follow-up button (antiforgery token only), the same command as the API.</summary>
    public Task<IResult> FollowUpDoneAsync(HttpContext context, DurableTaskClient client, string escalationId, CancellationToken cancellationToken) =>
        lists.DecideAsync<TasksPage, FollowUpDoneRequest, TasksPageModel>(
            context,
            new ListDecision<FollowUpDoneRequest, TasksPageModel>
            {
                Role = Roles.Caseworker,
                NotInRole = "Opfølgninger gøres af aftalens sagsbehandler.",
                ListPath = HomePath,
                ItemId = escalationId,
                Fields = [],
                Read = (_, _) => new FollowUpDoneRequest(),
                Command = (user, _) => followUps.DoneAsync(
                    client,
                    user,
                    EscalationIds.TryParseAgreementId(escalationId, out var agreementId) ? agreementId : string.Empty,
                    escalationId,
                    cancellationToken),
                Accepted = _ => Notice.FollowUpDone,
                FirstPage = user => ModelAsync(user, null, cancellationToken),
                SentBack = (model, _, refusal) => model with { Refusal = refusal },
            },
            cancellationToken);

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
