using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Http;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// "Eskaleringer" (/eskaleringer, supervisors): the EscalationToDecide tasks of the person's municipalities from
/// the task board (read by key, earliest deadline first), each with its escalation (reason, level, status, when
/// raised) and the numbers behind it; and the forms' posts (<see cref="UiRoutes.EscalationDecision"/>), which hand
/// the decision to <see cref="EscalationCommands.DecideAsync"/> as the signed-in supervisor (no email token) and
/// redirect back with a message (303), or show the page again with the errors (400) or why not (409, 503).
/// </summary>
public sealed class EscalationsPageHandler(
    SignedInPages signedIn,
    EscalationCommands commands,
    ITaskBoard board,
    IEscalationRepository escalations,
    IAgreementRepository agreements,
    IMeasurementRepository measurements,
    IDecisionLog decisions,
    PageFrames frames,
    PageRenderer pages,
    TimeProvider time)
{
    public const int PageSize = 20;

    private static readonly string ListPath = UiRoutes.PathOf(UiRoutes.Escalations);

    private static readonly IReadOnlyList<DecisionChoice> Choices =
        RequestValidation.EscalationDecisions.Select(choice => new DecisionChoice(choice.Key, choice.Value)).ToList();

    public async Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        if (!user.IsIn(Roles.Supervisor))
        {
            return await ForbiddenAsync(context, user);
        }

        if (!PageQuery.TryReadToken(context.Request, out var token))
        {
            return await InvalidLinkAsync(context, user);
        }

        EscalationsPageModel model;
        try
        {
            model = await ModelAsync(user, token, cancellationToken);
        }
        catch (ArgumentException) when (token is not null)
        {
            return await InvalidLinkAsync(context, user);
        }

        return PageResults.Html(await pages.RenderAsync<EscalationsPage, EscalationsPageModel>(model, frame!));
    }

    /// <summary>POST /eskaleringer/{escalationId}/beslutning: decision, note, antiforgery token.</summary>
    public async Task<IResult> DecideAsync(HttpContext context, DurableTaskClient client, string escalationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (user, frame, refusal) = await signedIn.BeginAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        if (!user.IsIn(Roles.Supervisor))
        {
            return await ForbiddenAsync(context, user);
        }

        var (form, formRefusal) = await FormPost.ReadAsync(context, frames, cancellationToken);
        if (form is null)
        {
            return await signedIn.ErrorAsync(context, user, formRefusal!.Value.Kind, formRefusal.Value.Status, retryPath: ListPath);
        }

        var errors = new ValidationErrors();
        var decision = form.Value("decision", errors);
        var note = form.Value("note", errors);
        var result = errors.IsEmpty
            ? await commands.DecideAsync(client, user, escalationId, new EscalationDecisionRequest(decision, note, Token: null), cancellationToken)
            : new CommandResult.Invalid(errors);

        switch (result)
        {
            case CommandResult.EscalationAccepted:
                return PageResults.SeeOther(ListPath, Notice.DecisionRecorded);
            case CommandResult.EscalationNotFound:
                return await signedIn.ErrorAsync(context, user, ErrorPageKind.EscalationNotFound, StatusCodes.Status404NotFound, retryPath: ListPath);
            case CommandResult.Forbidden forbidden:
                return await signedIn.ForbiddenAsync(context, user, forbidden.Detail);
        }

        var page = await ModelAsync(user, null, cancellationToken);
        return result switch
        {
            CommandResult.Invalid invalid => await PageAsync(
                page with { Form = new EscalationForm(escalationId, decision, note, new FieldErrors(invalid.Errors.ToDictionary())) }, frame!, StatusCodes.Status400BadRequest),
            CommandResult.Conflict conflict => await PageAsync(page with { Refusal = new EscalationRefusal(escalationId, conflict.Detail) }, frame!, StatusCodes.Status409Conflict),
            CommandResult.Unavailable unavailable => await PageAsync(
                page with { Refusal = new EscalationRefusal(escalationId, unavailable.Detail + " Prøv igen om lidt."), Form = new EscalationForm(escalationId, decision, note, FieldErrors.None) }, frame!, StatusCodes.Status503ServiceUnavailable),
            _ => throw new InvalidOperationException($"An escalation decision cannot end as {result.GetType().Name}."),
        };
    }

    /// <summary>One page of the open escalations in the person's municipalities.</summary>
    private async Task<EscalationsPageModel> ModelAsync(CurrentUser user, string? token, CancellationToken cancellationToken)
    {
        var municipalities = user.Municipalities.Where(code => user.MayActAs(Roles.Supervisor, code)).Order(StringComparer.Ordinal).ToList();
        var page = municipalities.Count == 0
            ? new TaskPage([], null)
            : await board.ListOpenAsync(new TaskQuery([Roles.Supervisor], municipalities), token, PageSize, cancellationToken);
        var now = time.GetUtcNow();
        var views = await Task.WhenAll(page.Tasks
            .Where(task => task is { Kind: TaskKind.EscalationToDecide, EscalationId: not null } && user.MayActAs(Roles.Supervisor, task.MunicipalityCode))
            .Select(task => ViewAsync(task, now, cancellationToken)));
        return new EscalationsPageModel
        {
            Escalations = views.OfType<EscalationView>().ToList(),
            NextPagePath = ListPaging.NextPath(ListPath, page.ContinuationToken),
            FirstPagePath = token is null ? null : ListPath,
            Choices = Choices,
            NoteMaxLength = RequestValidation.NoteLength,
        };
    }

    /// <summary>The escalation behind a task; null once it is decided or closed (the workflow closes the task a moment later).</summary>
    private async Task<EscalationView?> ViewAsync(CaseTask task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var escalationId = task.EscalationId!;
        var escalation = await escalations.FindAsync(escalationId, cancellationToken);
        var agreement = await agreements.FindAsync(task.AgreementId, cancellationToken);
        if (escalation is not { Status: EscalationStatus.Open or EscalationStatus.Unresolved } || agreement is null
            || await decisions.FindAsync(task.AgreementId, escalationId, cancellationToken) is not null)
        {
            return null;
        }

        var today = PolicyDate(agreement, now);
        return new EscalationView(
            escalation,
            MunicipalityRegistry.NameOf(agreement.MunicipalityCode),
            task.DueDate,
            task.IsOverdue(now),
            Math.Max(0, today.DayNumber - PolicyDate(agreement, escalation.RaisedAt).DayNumber),
            await NumbersAsync(escalation, task, agreement, today, cancellationToken));
    }

    /// <summary>The numbers behind the escalation, by its reason.</summary>
    private async Task<EscalationNumbers> NumbersAsync(EscalationRecord escalation, CaseTask task, AgreementRecord agreement, DateOnly today, CancellationToken cancellationToken)
    {
        var milestone = task.Milestone ?? (Enum.TryParse<Milestone>(escalation.Subject, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null);
        switch (escalation.Reason)
        {
            case EscalationReason.IndicatorBelowThreshold when milestone is { } measured:
                var measurement = (await measurements.ListAsync(agreement.AgreementId, cancellationToken)).FirstOrDefault(m => m.Milestone == measured);
                return new EscalationNumbers { Milestone = measured, Indicators = Indicators(agreement, measured, measurement?.Values) };
            case EscalationReason.MeasurementDataMissing when milestone is { } missing:
                return new EscalationNumbers
                {
                    Milestone = missing,
                    MilestoneDueDate = agreement.DueAt(missing) is { } due ? PolicyDate(agreement, due) : null,
                };
            case EscalationReason.MoveOverdue:
                return new EscalationNumbers { PlannedMoveDate = agreement.PlannedMoveDate, DaysOverdue = today.DayNumber - agreement.PlannedMoveDate.DayNumber };
            case EscalationReason.FinancingDecisionOverdue:
                return new EscalationNumbers { RequestedDkk = agreement.RequestedDkk };
            default:
                return EscalationNumbers.None;
        }
    }

    /// <summary>
    /// The measured values against the thresholds the agreement's pinned policy sets from its baseline (the same
    /// evaluation the workflow made); null when the values or the baseline are gone (erased) or the policy is unknown.
    /// </summary>
    private static IndicatorNumbers? Indicators(AgreementRecord agreement, Milestone milestone, IndicatorValues? measured)
    {
        if (measured is null || agreement.Baseline is not { } baseline || !PolicyCatalog.TryGet(agreement.PolicyName, out var policy))
        {
            return null;
        }

        var evaluation = MeasurementEvaluation.Evaluate(policy.RuleFor(milestone), baseline, measured);
        return new IndicatorNumbers(baseline, measured, evaluation.MinSelfSufficiencyRate, evaluation.MaxResourceDrawDkk, evaluation.Breaches);
    }

    /// <summary>The agreement's policy date at a real instant (its day length may be compressed).</summary>
    private static DateOnly PolicyDate(AgreementRecord agreement, DateTimeOffset at) =>
        agreement.Clock is { } clock ? clock.DateAt(at.UtcDateTime) : DanishCalendar.DateOf(at.UtcDateTime);

    private async Task<IResult> PageAsync(EscalationsPageModel model, PageFrame frame, int status) =>
        PageResults.Html(await pages.RenderAsync<EscalationsPage, EscalationsPageModel>(model, frame), status);

    private Task<IResult> ForbiddenAsync(HttpContext context, CurrentUser user) =>
        signedIn.ForbiddenAsync(context, user, "Eskaleringer afgøres af tilsynet.");

    private Task<IResult> InvalidLinkAsync(HttpContext context, CurrentUser user) =>
        signedIn.ErrorAsync(context, user, ErrorPageKind.InvalidPageLink, StatusCodes.Status400BadRequest, retryPath: ListPath);
}
