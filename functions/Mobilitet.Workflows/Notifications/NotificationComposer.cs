using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Notifications;

/// <summary>Everything an email may mention, gathered by the sending activity.</summary>
/// <param name="Measurements">The agreement's measurements (the completion email's effect summary; empty otherwise).</param>
public sealed record NotificationFacts(
    NotificationRequest Request,
    AgreementRecord Agreement,
    AgreementPersonalData Parties,
    IReadOnlyList<Breach> Breaches,
    IReadOnlyList<MeasurementRecord>? Measurements = null);

/// <summary>
/// Decides who gets each of the workflow's emails, which links and facts it carries and whose names it may
/// show; the templates (<see cref="IEmailTemplates"/>) write it in Danish. The same facts (and the same public
/// address) always give the same email, which keeps retries harmless and the texts testable.
/// </summary>
public sealed class NotificationComposer(NotificationOptions options, NotificationLinks links, IEmailTemplates templates, WellBeing.ICheckInLinks? checkInLinks = null)
{
    public async Task<EmailMessage> ComposeAsync(NotificationFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var request = facts.Request;
        var parties = facts.Parties;
        var (to, cc) = Recipients(facts);
        var model = new EmailModel
        {
            Request = request,
            Agreement = facts.Agreement,
            MunicipalityName = MunicipalityRegistry.NameOf(facts.Agreement.MunicipalityCode),
            ResidentName = NamesResident(request.Kind) ? parties.Resident.Name : null,
            CaseworkerName = parties.Caseworker.Name,
            CaseworkerEmail = parties.Caseworker.Email,
            FinancingPurpose = request.Kind == NotificationKind.FinancingDecisionRequested ? parties.FinancingPurpose : null,
            Breaches = facts.Breaches,
            BusinessCase = request.Kind == NotificationKind.FinancingDecisionRequested
                ? facts.Agreement.ProjectBusinessCase()
                : null,
            Measurements = request.Kind == NotificationKind.AgreementCompleted ? facts.Measurements ?? [] : [],
            Links = await LinksAsync(facts, cancellationToken),
        };
        var rendered = await templates.RenderAsync(model);
        return new EmailMessage(request.NotificationId, request.AgreementId, to, cc, rendered.Subject, rendered.TextBody, rendered.HtmlBody, model.Links);
    }

    /// <summary>
    /// The resident's name goes only to the resident and to their caseworker; supervisors and the finance approvers
    /// decide on codes, amounts and the case link (which shows more to those allowed to see it).
    /// </summary>
    private static bool NamesResident(NotificationKind kind) => kind is not (
        NotificationKind.FinancingDecisionRequested or NotificationKind.EscalationRaised or NotificationKind.EscalationMovedUp);

    private (IReadOnlyList<string> To, IReadOnlyList<string> Cc) Recipients(NotificationFacts facts)
    {
        var parties = facts.Parties;
        var caseworker = parties.Caseworker.Email;
        return facts.Request.Kind switch
        {
            NotificationKind.ConsentReminder => parties.Resident.Email is { } resident ? ([resident], [caseworker]) : ([caseworker], []),
            NotificationKind.FinancingDecisionRequested => ([options.FinanceApproverEmail], []),
            NotificationKind.EscalationRaised => ([SupervisorAt(parties, LevelOf(facts.Request))], []),
            NotificationKind.EscalationMovedUp => ([SupervisorAt(parties, LevelOf(facts.Request) - 1)], []),

            // Only to the resident: the check-in is theirs.
            NotificationKind.WellBeingCheckIn => ([parties.Resident.Email ?? throw new InvalidOperationException("The resident has no email address.")], []),
            NotificationKind.ConsentExpired or NotificationKind.MoveReminder or NotificationKind.MeasurementDataMissing
                or NotificationKind.FollowUpTaskDue or NotificationKind.AgreementCompleted => ([caseworker], []),
            _ => throw new ArgumentOutOfRangeException(nameof(facts), facts.Request.Kind, "Unknown notification kind."),
        };
    }

    private async Task<IReadOnlyList<EmailLink>> LinksAsync(NotificationFacts facts, CancellationToken cancellationToken)
    {
        var request = facts.Request;
        var caseLink = new EmailLink("Åbn flytteaftalen", await links.AgreementAsync(facts.Agreement.AgreementId, cancellationToken));
        return request.Kind switch
        {
            NotificationKind.ConsentReminder => [],
            NotificationKind.EscalationRaised => [new EmailLink("Træf beslutning", await links.DecisionAsync(facts, cancellationToken)), caseLink],

            // The check-in's own link is all the resident needs.
            NotificationKind.WellBeingCheckIn => [new EmailLink("Svar her", await CheckInLinkAsync(facts, cancellationToken))],
            _ => [caseLink],
        };
    }

    /// <summary>The check-in link expires when the milestone falls due (the start of <see cref="NotificationRequest.RespondBy"/> in the agreement's policy time).</summary>
    private ValueTask<Uri> CheckInLinkAsync(NotificationFacts facts, CancellationToken cancellationToken)
    {
        var request = facts.Request;
        if (checkInLinks is null || request.Milestone is not { } milestone || request.RespondBy is not { } respondBy || facts.Agreement.Clock is not { } clock)
        {
            throw new InvalidOperationException("A well-being check-in needs its link service, a milestone and an answer deadline.");
        }

        return checkInLinks.CreateAsync(facts.Agreement.AgreementId, milestone, new DateTimeOffset(clock.StartOf(respondBy), TimeSpan.Zero), cancellationToken);
    }

    private static string SupervisorAt(AgreementPersonalData parties, int level) => NotificationLinks.SupervisorAt(parties.SupervisorEmails, level);

    private static int LevelOf(NotificationRequest request) => request.Level ?? EscalationLadder.FirstLevel;
}
