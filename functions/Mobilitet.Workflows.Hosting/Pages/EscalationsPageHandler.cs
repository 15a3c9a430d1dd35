using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Forms;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;

namespace Mobilitet.Workflows.Hosting.Pages;

/// <summary>
/// "Eskaleringer" (/eskaleringer, supervisors): the EscalationToDecide tasks of the person's municipalities from
/// the task board (read by key, earliest deadline first), each with its escalation (reason, level, status, when
/// raised) and the numbers behind it; and the forms' posts (<see cref="UiRoutes.EscalationDecision"/>), read by the
/// same <see cref="EscalationDecisionForm"/> as the emailed decision page's and handed to the same
/// <see cref="EscalationCommands.DecideAsync"/> as the signed-in supervisor (no email token), which come back to
/// this list (<see cref="ListPages"/>).
/// </summary>
public sealed class EscalationsPageHandler(
    ListPages lists,
    EscalationCommands commands,
    ITaskBoard board,
    IEscalationRepository escalations,
    IAgreementRepository agreements,
    IMeasurementRepository measurements,
    IDecisionLog decisions,
    TimeProvider time)
{
    public const int PageSize = 20;

    private const string NotASupervisor = "Eskaleringer afgøres af tilsynet.";

    private static readonly string ListPath = UiRoutes.PathOf(UiRoutes.Escalations);

    public Task<IResult> ShowAsync(HttpContext context, CancellationToken cancellationToken) =>
        lists.ShowAsync<EscalationsPage, EscalationsPageModel>(context, Roles.Supervisor, NotASupervisor, ListPath, (user, token) => ModelAsync(user, token, cancellationToken));

    /// <summary>POST /eskaleringer/{escalationId}/beslutning: decision, note, antiforgery token.</summary>
    public Task<IResult> DecideAsync(HttpContext context, DurableTaskClient client, string escalationId, CancellationToken cancellationToken) =>
        lists.DecideAsync<EscalationsPage, EscalationDecisionRequest, EscalationsPageModel>(
            context,
            new ListDecision<EscalationDecisionRequest, EscalationsPageModel>
            {
                Role = Roles.Supervisor,
                NotInRole = NotASupervisor,
                ListPath = ListPath,
                ItemId = escalationId,
                Fields = EscalationDecisionForm.Fields,
                Read = EscalationDecisionForm.Read,
                Command = (user, request) => commands.DecideAsync(client, user, escalationId, request, cancellationToken),
                Accepted = _ => Notice.DecisionRecorded,
                FirstPage = user => ModelAsync(user, null, cancellationToken),
                SentBack = (model, form, refusal) => model with { Form = form, Refusal = refusal },
            },
            cancellationToken);

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
            Choices = EscalationDecisionForm.Choices,
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

        var today = agreement.PolicyDateAt(now);
        return new EscalationView(
            escalation,
            MunicipalityRegistry.NameOf(agreement.MunicipalityCode),
            task.DueDate,
            task.IsOverdue(now),
            Math.Max(0, today.DayNumber - agreement.PolicyDateAt(escalation.RaisedAt).DayNumber),
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
                    MilestoneDueDate = agreement.DueAt(missing) is { } due ? agreement.PolicyDateAt(due) : null,
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
}
