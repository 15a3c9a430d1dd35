using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Forms;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// The supervisor's decision page (<see cref="UiRoutes.EscalationDecisionPage"/>), for both hosts: GET shows
/// the escalation and the form; POST (a plain form, no JavaScript needed) hands the decision to the same
/// command the JSON API uses, then redirects back with a message (303), or shows the form again with the
/// errors, or says why the decision was not recorded. The link's signed token authorizes (the form carries
/// it back as a hidden field); a signed-in supervisor of the agreement's municipality may decide without it.
/// </summary>
public sealed class DecisionPageEndpoints(
    EscalationCommands commands,
    IEscalationRepository escalations,
    IDecisionLog decisions,
    IOptions<EmailLinkOptions> links,
    PageRenderer pages,
    PageFrames frames,
    Identity.CurrentUserReader users)
{
    private readonly DecisionTokens tokens = new(links.Value.SigningKey);

    /// <summary>GET …/decide?token=: the page the escalation email links to.</summary>
    public async Task<IResult> ShowAsync(HttpContext context, string escalationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var escalation = await FindAsync(escalationId, cancellationToken);
        if (escalation is null)
        {
            return await ErrorAsync(context, ErrorPageKind.EscalationNotFound, StatusCodes.Status404NotFound);
        }

        string? token = context.Request.Query[EscalationDecisionForm.TokenField];
        return await PageAsync(context, await ModelAsync(escalation, token, cancellationToken), StatusCodes.Status200OK);
    }

    /// <summary>POST …/decide: the page's form (decision, note, the link's token, the antiforgery token).</summary>
    public async Task<IResult> DecideAsync(HttpContext context, DurableTaskClient client, string escalationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (form, refusal) = await FormPost.ReadAsync(context, frames, cancellationToken);
        if (form is null)
        {
            var retry = EscalationIds.TryParseAgreementId(escalationId, out _) ? ApiRoutes.DecisionPagePath(escalationId) : null;
            return await ErrorAsync(context, refusal!.Value.Kind, refusal.Value.Status, retry);
        }

        var errors = new ValidationErrors();
        var request = EscalationDecisionForm.Read(form, errors);
        var (decision, note, token) = (request.Decision, request.Note, request.Token);
        var result = errors.IsEmpty
            ? await commands.DecideAsync(client, users.Read(context), escalationId, request, cancellationToken)
            : new CommandResult.Invalid(errors);

        if (result is CommandResult.EscalationAccepted)
        {
            var page = ApiRoutes.DecisionPagePath(escalationId) + (token is null ? string.Empty : "?token=" + Uri.EscapeDataString(token));
            return PageResults.SeeOther(page, Notice.DecisionRecorded);
        }

        var escalation = await FindAsync(escalationId, cancellationToken);
        if (escalation is null || result is CommandResult.EscalationNotFound)
        {
            return await ErrorAsync(context, ErrorPageKind.EscalationNotFound, StatusCodes.Status404NotFound);
        }

        var current = await ModelAsync(escalation, token, cancellationToken);
        var sentBack = current with { ChosenDecision = decision, Note = note };
        return result switch
        {
            CommandResult.Invalid invalid when invalid.Errors.ToDictionary().ContainsKey(EscalationDecisionForm.TokenField) =>
                await PageAsync(context, current with { State = current.State == DecisionPageState.Closed ? DecisionPageState.Closed : DecisionPageState.InvalidLink }, StatusCodes.Status400BadRequest),
            CommandResult.Invalid invalid => current.State == DecisionPageState.Form
                ? await PageAsync(context, sentBack with { Errors = new FieldErrors(invalid.Errors.ToDictionary()) }, StatusCodes.Status400BadRequest)
                : await PageAsync(context, current, StatusCodes.Status400BadRequest),
            CommandResult.Conflict conflict =>
                await PageAsync(context, current with { Refusal = new DecisionRefusal(DecisionRefusalKind.Conflict, conflict.Detail) }, StatusCodes.Status409Conflict),
            CommandResult.Forbidden forbidden =>
                await PageAsync(context, current with { State = DecisionPageState.InvalidLink, Refusal = new DecisionRefusal(DecisionRefusalKind.Forbidden, forbidden.Detail) }, StatusCodes.Status403Forbidden),
            CommandResult.Unavailable unavailable =>
                await PageAsync(context, sentBack with { Refusal = new DecisionRefusal(DecisionRefusalKind.Unavailable, unavailable.Detail) }, StatusCodes.Status503ServiceUnavailable),
            _ => throw new InvalidOperationException($"An escalation decision cannot end as {result.GetType().Name}."),
        };
    }

    private async Task<EscalationRecord?> FindAsync(string escalationId, CancellationToken cancellationToken) =>
        EscalationIds.TryParseAgreementId(escalationId, out _) ? await escalations.FindAsync(escalationId, cancellationToken) : null;

    /// <summary>
    /// The page as it stands: closed when the escalation is, or when a decision is recorded (the read model
    /// follows a moment later); otherwise the form for a valid link.
    /// </summary>
    private async Task<DecisionPageModel> ModelAsync(EscalationRecord escalation, string? token, CancellationToken cancellationToken)
    {
        var standing = await decisions.FindAsync(escalation.AgreementId, escalation.EscalationId, cancellationToken);
        var decided = escalation.Decision ?? (standing is null ? null : DecisionCodec.EscalationDecisionOf(standing));
        var open = escalation.Status is EscalationStatus.Open or EscalationStatus.Unresolved && standing is null;
        var state = !open ? DecisionPageState.Closed
            : tokens.Verify(escalation.EscalationId, token) is null ? DecisionPageState.InvalidLink
            : DecisionPageState.Form;
        return new DecisionPageModel
        {
            Escalation = escalation,
            State = state,
            Decided = decided,
            Token = token,
            Choices = EscalationDecisionForm.Choices,
            NoteMaxLength = RequestValidation.NoteLength,
        };
    }

    private async Task<IResult> PageAsync(HttpContext context, DecisionPageModel model, int status) =>
        PageResults.Html(await pages.RenderAsync<DecisionPage, DecisionPageModel>(model, frames.Create(context)), status);

    private async Task<IResult> ErrorAsync(HttpContext context, ErrorPageKind kind, int status, string? retryPath = null) =>
        PageResults.Html(await pages.RenderAsync<ErrorPage, ErrorPageModel>(new ErrorPageModel(kind, retryPath), frames.Create(context)), status);
}
