using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Pages;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Operations;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Operations;

/// <summary>
/// "Drift" (/drift, administrators; the Danish 403 page for anyone else): the agreements that need an operator
/// (<see cref="OperationsQuery"/>), each with a form for its actions, posted to <see cref="UiRoutes.OperationsAction"/>
/// with an antiforgery token and handed to the same <see cref="OperationsCommands"/> as the API (<see cref="ListPages"/>).
/// </summary>
public sealed class OperationsPageHandler(ListPages lists, OperationsQuery query, OperationsCommands commands, PageRenderer pages)
{
    private static readonly string ListPath = UiRoutes.PathOf(UiRoutes.Operations);

    public async Task<IResult> ShowAsync(HttpContext context, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await lists.BeginAsync(context, Roles.Administrator, OperationsCommands.NotAnAdministrator);
        if (user is null)
        {
            return refusal!;
        }

        return PageResults.Html(await pages.RenderAsync<OperationsPage, OperationsPageModel>(await ModelAsync(client, cancellationToken), frame!));
    }

    /// <summary>POST /drift/{id}/handling: action, reason, note, antiforgery token.</summary>
    public Task<IResult> ActAsync(HttpContext context, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        lists.DecideAsync<OperationsPage, (OperatorAction? Action, OperatorRequest Request), OperationsPageModel>(
            context,
            new ListDecision<(OperatorAction? Action, OperatorRequest Request), OperationsPageModel>
            {
                Role = Roles.Administrator,
                NotInRole = OperationsCommands.NotAnAdministrator,
                ListPath = ListPath,
                ItemId = id,
                Fields = OperatorForm.Fields,
                Read = OperatorForm.Read,
                Command = (user, sent) => sent.Action switch
                {
                    OperatorAction.Retry => commands.RetryAsync(client, user, id, sent.Request, cancellationToken),
                    OperatorAction.Restart => commands.RestartAsync(client, user, id, sent.Request, cancellationToken),
                    OperatorAction.Terminate => commands.TerminateAsync(client, user, id, sent.Request, cancellationToken),
                    _ => Task.FromResult<CommandResult>(new CommandResult.Invalid(new())),
                },
                Accepted = _ => Notice.OperatorActionDone,
                FirstPage = _ => ModelAsync(client, cancellationToken),
                SentBack = (model, form, refusal) => model with { Form = form, Refusal = refusal },
            },
            cancellationToken);

    private async Task<OperationsPageModel> ModelAsync(DurableTaskClient client, CancellationToken cancellationToken) => new()
    {
        Agreements = await query.ListAsync(client, cancellationToken),
        NoteMaxLength = RequestValidation.TextLength,
    };
}
