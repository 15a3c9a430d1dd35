using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.DecisionLinks;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.DecisionLinks;
using Mobilitet.Workflows.Hosting.Forms;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// The supervisor's decision page (<see cref="UiRoutes.EscalationDecisionPage"/>), for both hosts: GET shows
/// the escalation and the form and changes nothing (mail scanners follow links); POST (a plain form, no JavaScript
/// needed) hands the decision to the same command the JSON API uses, then redirects back with a message (303), or
/// shows the form again with the errors, or says why the decision was not recorded. The link's protected token
/// authorizes (the form carries it back as a hidden field); a forged, expired, used or someone else's link gets its
/// own Danish page pointing to the web UI. A signed-in supervisor of the agreement's municipality may decide without it.
/// </summary>
public sealed class DecisionPageEndpoints(
    EscalationCommands commands,
    IEscalationRepository escalations,
    IDecisionLog decisions,
    DecisionLinkGate links,
    PageRenderer pages,
    PageFrames frames,
    Identity.CurrentUserReader users)
{
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
        var reading = await links.CheckAsync(escalation.EscalationId, token, users.Read(context), cancellationToken);
        var model = await ModelAsync(escalation, token, reading.Problem, cancellationToken);

        // A used link is what the supervisor sees right after deciding (the redirect back here): nothing went wrong.
        return await PageAsync(context, model, model.State == DecisionPageState.UsedLink ? StatusCodes.Status200OK : StatusOf(model.State));
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

        if (result is CommandResult.LinkRefused refused)
        {
            var refusedModel = await ModelAsync(escalation, token, refused.Problem, cancellationToken);
            return await PageAsync(context, refusedModel, StatusOf(refusedModel.State));
        }

        // No link problem was found (the command checks the link before anything else): the page as a valid link shows it.
        var current = await ModelAsync(escalation, token, string.IsNullOrEmpty(token) ? DecisionLinkProblem.Invalid : null, cancellationToken);
        var sentBack = current with { ChosenDecision = decision, Note = note };
        return result switch
        {
            CommandResult.Invalid invalid => current.State == DecisionPageState.Form
                ? await PageAsync(context, sentBack with { Errors = new FieldErrors(invalid.Errors.ToDictionary()) }, StatusCodes.Status400BadRequest)
                : await PageAsync(context, current, StatusCodes.Status400BadRequest),
            CommandResult.Conflict conflict =>
                await PageAsync(context, current with { Refusal = new DecisionRefusal(DecisionRefusalKind.Conflict, conflict.Detail) }, StatusCodes.Status409Conflict),
            CommandResult.Forbidden forbidden =>
                await PageAsync(context, current with { State = DecisionPageState.InvalidLink, Refusal = new DecisionRefusal(DecisionRefusalKind.Forbidden, forbidden.Detail) }, StatusCodes.Status403Forbidden),
            CommandResult.Unauthorized =>
                await PageAsync(context, current with { State = DecisionPageState.InvalidLink }, StatusCodes.Status400BadRequest),
            CommandResult.Unavailable unavailable =>
                await PageAsync(context, sentBack with { Refusal = new DecisionRefusal(DecisionRefusalKind.Unavailable, unavailable.Detail) }, StatusCodes.Status503ServiceUnavailable),
            _ => throw new InvalidOperationException($"An escalation decision cannot end as {result.GetType().Name}."),
        };
    }

    private async Task<EscalationRecord?> FindAsync(string escalationId, CancellationToken cancellationToken) =>
        EscalationIds.TryParseAgreementId(escalationId, out _) ? await escalations.FindAsync(escalationId, cancellationToken) : null;

    /// <summary>
    /// The page as it stands: the link's problem if it has one (a used link also says what was decided); closed when
    /// the escalation is, or when a decision is recorded (the read model follows a moment later); otherwise the form.
    /// </summary>
    private async Task<DecisionPageModel> ModelAsync(EscalationRecord escalation, string? token, DecisionLinkProblem? problem, CancellationToken cancellationToken)
    {
        var standing = await decisions.FindAsync(escalation.AgreementId, escalation.EscalationId, cancellationToken);
        var decided = escalation.Decision ?? (standing is null ? null : DecisionCodec.EscalationDecisionOf(standing));
        var open = escalation.Status is EscalationStatus.Open or EscalationStatus.Unresolved && standing is null;
        var state = problem switch
        {
            DecisionLinkProblem.Used => DecisionPageState.UsedLink,
            DecisionLinkProblem.OtherRecipient => DecisionPageState.OtherRecipientLink,
            _ when !open => DecisionPageState.Closed,
            DecisionLinkProblem.Expired => DecisionPageState.ExpiredLink,
            DecisionLinkProblem.Invalid => DecisionPageState.InvalidLink,
            _ => DecisionPageState.Form,
        };
        return new DecisionPageModel
        {
            Escalation = escalation,
            State = state,
            Decided = decided,
            Token = state == DecisionPageState.Form ? token : null,
            Choices = EscalationDecisionForm.Choices,
            NoteMaxLength = RequestValidation.NoteLength,
        };
    }

    private static int StatusOf(DecisionPageState state) => state switch
    {
        DecisionPageState.InvalidLink => StatusCodes.Status400BadRequest,
        DecisionPageState.ExpiredLink => StatusCodes.Status410Gone,
        DecisionPageState.UsedLink => StatusCodes.Status409Conflict,
        DecisionPageState.OtherRecipientLink => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status200OK,
    };

    private async Task<IResult> PageAsync(HttpContext context, DecisionPageModel model, int status) =>
        PageResults.Html(await pages.RenderAsync<DecisionPage, DecisionPageModel>(model, frames.Create(context)), status);

    private async Task<IResult> ErrorAsync(HttpContext context, ErrorPageKind kind, int status, string? retryPath = null) =>
        PageResults.Html(await pages.RenderAsync<ErrorPage, ErrorPageModel>(new ErrorPageModel(kind, retryPath), frames.Create(context)), status);
}
