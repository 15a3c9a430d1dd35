using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Hosting.Http.Responses;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Web.Pages;

namespace Mobilitet.Workflows.Hosting.Queries;

/// <summary>
/// Everything the agreement page shows, read for one person: the read model's parts (tasks, timeline,
/// measurements, escalations, the business case), the personal data through <see cref="PersonalDataQuery"/>
/// (audited; caseworkers of the agreement's municipality only), and the steps the person may take now. The
/// steps mirror the commands' own checks (role in the agreement's municipality, state), so the page offers
/// only what the command would accept; the command still decides. A decision already recorded but not yet
/// seen in the agreement's status is "pending": its form is not offered again.
/// </summary>
public sealed class AgreementDetailsQuery(
    ITaskBoard tasks,
    ITimeline timeline,
    IMeasurementRepository measurements,
    IIndicatorStore indicators,
    IEscalationRepository escalations,
    IDocumentStore documents,
    IDecisionLog decisions,
    PersonalDataQuery personalData,
    TimeProvider time)
{
    /// <summary>The page of <paramref name="agreement"/>, which <paramref name="user"/> may read (the caller checks <see cref="Access.MayRead"/>).</summary>
    public async Task<AgreementDetailsPageModel> ReadAsync(CurrentUser user, AgreementRecord agreement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(agreement);
        var id = agreement.AgreementId;
        var open = tasks.ListForAgreementAsync(id, cancellationToken);
        var history = timeline.ReadAsync(id, cancellationToken);
        var measured = measurements.ListAsync(id, cancellationToken);
        var escalated = escalations.ListAsync(id, cancellationToken);
        var businessCase = documents.ReadJsonAsync<BusinessCase>(id, DocumentNames.BusinessCase, cancellationToken);
        var standing = StandingDecisionAsync(agreement, cancellationToken);
        var entered = EnteredAsync(agreement, await measured, cancellationToken);
        var escalationList = await escalated;
        var personal = await personalData.ReadAsync(user, agreement, cancellationToken, escalationList);

        var now = time.GetUtcNow();
        var entries = await history;
        var (actions, pending) = Steps(user, agreement, entries, await standing);
        return new AgreementDetailsPageModel
        {
            Agreement = agreement,
            Policy = PolicyCatalog.TryGet(agreement.PolicyName, out var policy) ? policy : null,
            OpenTasks = (await open).OrderBy(task => task.DueAt).ToList(),
            Timeline = entries,
            Measurements = await measured,
            Entered = await entered,
            Escalations = escalationList,
            BusinessCase = await businessCase,
            PersonalData = personal is null ? null : Section(personal),
            Actions = actions,
            Pending = pending,
            Now = now,
            PolicyToday = agreement.PolicyDateAt(now),
        };
    }

    /// <summary>The steps <paramref name="user"/> may take on the agreement now, and those waiting for the status to follow a recorded decision.</summary>
    private static (AgreementActions Actions, AgreementActions Pending) Steps(CurrentUser user, AgreementRecord agreement, IReadOnlyList<TimelineEntry> entries, Decision? standing)
    {
        var caseworker = user.MayActAs(Roles.Caseworker, agreement.MunicipalityCode);
        var approver = user.MayActAs(Roles.FinanceApprover, agreement.MunicipalityCode);
        var status = agreement.Status;
        var actions = AgreementActions.None;
        var pending = standing is null ? AgreementActions.None : status switch
        {
            AgreementStatus.AwaitingConsent => AgreementActions.Consent,
            AgreementStatus.AwaitingFinancing => AgreementActions.Financing,
            AgreementStatus.AwaitingMove => AgreementActions.Move,
            _ => AgreementActions.None,
        };

        if (caseworker && status == AgreementStatus.AwaitingConsent)
        {
            actions |= AgreementActions.Consent;
        }

        // Only a request the workflow has put before a person (not one it approves by itself), as the command checks.
        if (approver && status == AgreementStatus.AwaitingFinancing && agreement.FinancingRoute is null
            && entries.Any(entry => entry.Kind == TimelineKind.FinancingRequested))
        {
            actions |= AgreementActions.Financing;
        }

        if (caseworker && status == AgreementStatus.AwaitingMove)
        {
            actions |= AgreementActions.Move;
        }

        if (caseworker && status == AgreementStatus.Monitoring)
        {
            actions |= AgreementActions.Measurement;
        }

        // Withdrawal is for consent that was given; before that the caseworker records the answer instead.
        if (caseworker && status is AgreementStatus.AwaitingFinancing or AgreementStatus.AwaitingMove or AgreementStatus.Monitoring)
        {
            actions |= AgreementActions.WithdrawConsent;
        }

        if (caseworker && !status.AcceptsNoSteps())
        {
            actions |= AgreementActions.Cancel;
        }

        // The notice that a recorded step is on its way is for those who could have taken it.
        var mayHaveTaken = pending == AgreementActions.Financing ? approver : caseworker;
        return (actions & ~pending, mayHaveTaken ? pending : AgreementActions.None);
    }

    /// <summary>
    /// Values recorded by hand for milestones the workflow has not measured yet (it reads and judges them when the
    /// milestone falls due): without them a caseworker who just entered M3 would see "Ikke målt" for months.
    /// </summary>
    private async Task<IReadOnlyDictionary<Milestone, IndicatorValues>> EnteredAsync(AgreementRecord agreement, IReadOnlyList<MeasurementRecord> measured, CancellationToken cancellationToken)
    {
        var entered = new Dictionary<Milestone, IndicatorValues>();
        if (agreement.MovedOn is null)
        {
            return entered;
        }

        foreach (var milestone in Milestones.InOrder.Where(milestone => measured.All(record => record.Milestone != milestone)))
        {
            if (await indicators.FindAsync(agreement.AgreementId, milestone, cancellationToken) is { } entry)
            {
                entered[milestone] = entry.Values;
            }
        }

        return entered;
    }

    /// <summary>The decision recorded on the step the agreement is waiting for, if any.</summary>
    private Task<Decision?> StandingDecisionAsync(AgreementRecord agreement, CancellationToken cancellationToken)
    {
        var subject = agreement.Status switch
        {
            AgreementStatus.AwaitingConsent => DecisionSubjects.Consent,
            AgreementStatus.AwaitingFinancing => DecisionSubjects.Financing,
            AgreementStatus.AwaitingMove => DecisionSubjects.Move,
            _ => null,
        };
        return subject is null ? Task.FromResult<Decision?>(null) : decisions.FindAsync(agreement.AgreementId, subject, cancellationToken);
    }

    private static PersonalDataSection Section(PersonalDataDetails details) => new(
        details.Resident?.Cpr,
        details.Resident?.Name,
        details.Resident?.Email,
        details.Resident?.Phone,
        details.Caseworker?.Name,
        details.Caseworker?.Email,
        details.Supervisors,
        details.FinancingPurpose,
        details.StopReason,
        details.FinancingDecisionReason,
        details.EscalationNotes.Select(note => new EscalationNoteView(note.EscalationId, note.Note)).ToList())
    {
        CheckInComments = details.CheckInComments.Select(comment => (comment.Milestone, comment.Comment)).ToList(),
    };
}
