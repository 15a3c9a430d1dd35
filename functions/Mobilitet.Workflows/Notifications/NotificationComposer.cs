using System.Text;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Municipalities;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Notifications;

/// <summary>Everything an email may mention, gathered by the sending activity.</summary>
public sealed record NotificationFacts(
    NotificationRequest Request,
    AgreementRecord Agreement,
    AgreementPersonalData Parties,
    IReadOnlyList<Breach> Breaches);

/// <summary>
/// Writes the workflow's emails, in Danish, from codes and facts. The same facts (and the same
/// public address) always give the same email, which keeps retries harmless and the texts testable.
/// </summary>
public sealed class NotificationComposer(NotificationOptions options, NotificationLinks links, WellBeing.ICheckInLinks? checkInLinks = null)
{
    private const string Signature = "Med venlig hilsen\nMobilitetsenheden";

    public async Task<EmailMessage> ComposeAsync(NotificationFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var caseLink = new EmailLink("Åbn flytteaftalen", await links.AgreementAsync(facts.Agreement.AgreementId, cancellationToken));
        var decisionLink = facts.Request.Kind switch
        {
            NotificationKind.EscalationRaised => new EmailLink("Træf beslutning", await links.DecisionAsync(EscalationIdOf(facts.Request), LevelOf(facts.Request), cancellationToken)),
            NotificationKind.WellBeingCheckIn => new EmailLink("Svar her", await CheckInLinkAsync(facts, cancellationToken)),
            _ => null,
        };
        return Compose(facts, caseLink, decisionLink);
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

    private EmailMessage Compose(NotificationFacts facts, EmailLink caseLink, EmailLink? decisionLink)
    {
        var request = facts.Request;
        var agreement = facts.Agreement;
        var parties = facts.Parties;
        var place = $"{agreement.HousingAssociation}, {MunicipalityRegistry.NameOf(agreement.MunicipalityCode)} Kommune";

        return request.Kind switch
        {
            NotificationKind.ConsentReminder => Email(
                request,
                to: parties.Resident.Email is { } residentEmail ? [residentEmail] : [parties.Caseworker.Email],
                cc: parties.Resident.Email is null ? [] : [parties.Caseworker.Email],
                subject: "Påmindelse: Vi mangler dit samtykke til flytteaftalen",
                [
                    $"Kære {parties.Resident.Name}",
                    $"Vi har endnu ikke modtaget dit samtykke til flytteaftalen ({place}) med planlagt flytning den {DanishFormat.Date(agreement.PlannedMoveDate)}.",
                    request.RespondBy is { } expires
                        ? $"Aftalen bortfalder, hvis vi ikke har dit samtykke senest den {DanishFormat.Date(expires)}."
                        : "Aftalen bortfalder, hvis vi ikke modtager dit samtykke.",
                    $"Har du spørgsmål, så kontakt din sagsbehandler, {parties.Caseworker.Name}, på {parties.Caseworker.Email}.",
                ],
                []),

            NotificationKind.ConsentExpired => Email(
                request,
                to: [parties.Caseworker.Email],
                cc: [],
                subject: $"Samtykke udløbet: flytteaftale {agreement.AgreementId}",
                [
                    $"Kære {parties.Caseworker.Name}",
                    $"Flytteaftalen for {parties.Resident.Name} ({place}) er udløbet, fordi der ikke blev registreret samtykke inden for fristen.",
                    "Opret en ny aftale, hvis borgeren stadig ønsker at flytte.",
                ],
                [caseLink]),

            NotificationKind.FinancingDecisionRequested => FinancingRequested(request, facts, place, caseLink),

            NotificationKind.MoveReminder => Email(
                request,
                to: [parties.Caseworker.Email],
                cc: [],
                subject: $"Påmindelse: Flytningen er ikke registreret (flytteaftale {agreement.AgreementId})",
                [
                    $"Kære {parties.Caseworker.Name}",
                    $"{parties.Resident.Name} skulle efter planen være flyttet den {DanishFormat.Date(agreement.PlannedMoveDate)}, men flytningen er ikke registreret.",
                    request.RespondBy is { } escalateOn
                        ? $"Registrér flytningen, når den har fundet sted. Er den ikke registreret den {DanishFormat.Date(escalateOn)}, går sagen videre til tilsynet."
                        : "Registrér flytningen, når den har fundet sted.",
                ],
                [caseLink]),

            NotificationKind.MeasurementDataMissing => Email(
                request,
                to: [parties.Caseworker.Email],
                cc: [],
                subject: $"Data mangler: {MilestoneName(request.Milestone)} for flytteaftale {agreement.AgreementId}",
                [
                    $"Kære {parties.Caseworker.Name}",
                    $"Målingen {MilestoneName(request.Milestone)} for {parties.Resident.Name} kunne ikke gennemføres, fordi der mangler indikatordata (selvforsørgelsesgrad, ressourcetræk og betalte skatter).",
                    request.RespondBy is { } escalateOn
                        ? $"Registrér data senest den {DanishFormat.Date(escalateOn)}; derefter går sagen videre til tilsynet."
                        : "Registrér data, så snart de foreligger.",
                ],
                [caseLink]),

            NotificationKind.EscalationRaised => EscalationRaised(request, facts, place, caseLink, decisionLink!),

            // Only to the resident, and without the agreement's link: the check-in's own link is all they need.
            NotificationKind.WellBeingCheckIn => Email(
                request,
                to: parties.Resident.Email is { } residentEmail ? [residentEmail] : throw new InvalidOperationException("The resident has no email address."),
                cc: [],
                subject: "Hvordan har du det i din nye bolig?",
                [
                    $"Kære {parties.Resident.Name}",
                    "Det er nu et stykke tid siden, du flyttede. Vi vil gerne høre, hvordan du har det i din nye bolig.",
                    "Du svarer på en skala fra 1 til 5 og kan skrive en kommentar, hvis du vil. Det tager et minut.",
                    request.RespondBy is { } by
                        ? $"Linket virker én gang og indtil den {DanishFormat.Date(by.AddDays(-1))}."
                        : "Linket virker én gang.",
                    $"Har du spørgsmål, så kontakt din sagsbehandler, {parties.Caseworker.Name}, på {parties.Caseworker.Email}.",
                ],
                [decisionLink!]),

            _ => throw new ArgumentOutOfRangeException(nameof(facts), request.Kind, "Unknown notification kind."),
        };
    }

    private EmailMessage FinancingRequested(NotificationRequest request, NotificationFacts facts, string place, EmailLink caseLink)
    {
        var agreement = facts.Agreement;
        var businessCase = agreement.ProjectBusinessCase();
        return Email(
            request,
            to: [options.FinanceApproverEmail],
            cc: [],
            subject: $"Finansiering til afgørelse: {DanishFormat.Dkk(agreement.RequestedDkk)} (flytteaftale {agreement.AgreementId})",
            [
                "Til finansieringsansvarlig",
                $"Flytteaftalen ({place}) søger {DanishFormat.Dkk(agreement.RequestedDkk)} til: {facts.Parties.FinancingPurpose}",
                $"Forretningscasen viser en forventet offentlig nettogevinst over 36 måneder på {DanishFormat.Dkk(businessCase.ProjectedGain36Dkk)}. Beløbet ligger uden for rammerne for automatisk godkendelse.",
                request.RespondBy is { } decideBy
                    ? $"Træf afgørelse senest den {DanishFormat.Date(decideBy)}; derefter går sagen videre til tilsynet."
                    : "Træf afgørelse hurtigst muligt.",
            ],
            [caseLink]);
    }

    private static int LevelOf(NotificationRequest request) => request.Level ?? EscalationLadder.FirstLevel;

    private static string EscalationIdOf(NotificationRequest request) =>
        request.EscalationId ?? throw new ArgumentException("An escalation email needs the escalation id.", nameof(request));

    private static EmailMessage EscalationRaised(NotificationRequest request, NotificationFacts facts, string place, EmailLink caseLink, EmailLink decisionLink)
    {
        var agreement = facts.Agreement;
        var level = LevelOf(request);
        var supervisors = facts.Parties.SupervisorEmails;
        var recipient = supervisors[Math.Clamp(level, 1, supervisors.Count) - 1];
        List<string> paragraphs =
        [
            "Til tilsynet",
            $"Flytteaftale {agreement.AgreementId} ({place}) kræver en beslutning: {ReasonText(request.EscalationReason, request.Milestone)}.",
        ];
        paragraphs.AddRange(facts.Breaches.Select(breach => "• " + BreachText(breach)));
        if (level > EscalationLadder.FirstLevel)
        {
            paragraphs.Add($"Sagen er eskaleret til niveau {level}, fordi der ikke blev truffet en beslutning på niveau {level - 1} inden fristen.");
        }

        paragraphs.Add(request.RespondBy is { } decideBy
            ? $"Træf en beslutning senest den {DanishFormat.Date(decideBy)} via linket herunder."
            : "Træf en beslutning via linket herunder.");

        return Email(
            request,
            to: [recipient],
            cc: [],
            subject: $"Eskalering (niveau {level}): {ReasonText(request.EscalationReason, request.Milestone)} – flytteaftale {agreement.AgreementId}",
            paragraphs,
            [decisionLink, caseLink]);
    }

    private static EmailMessage Email(
        NotificationRequest request,
        IReadOnlyList<string> to,
        IReadOnlyList<string> cc,
        string subject,
        IReadOnlyList<string> paragraphs,
        IReadOnlyList<EmailLink> actionLinks)
    {
        var text = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"da\"><body>");
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
            html.Append("<p>").Append(Html.Encode(paragraph)).Append("</p>");
        }

        foreach (var link in actionLinks)
        {
            text.Append(link.Label).Append(": ").Append(link.Url).Append("\n\n");
            html.Append("<p><a href=\"").Append(Html.Encode(link.Url.ToString())).Append("\">")
                .Append(Html.Encode(link.Label)).Append("</a></p>");
        }

        text.Append(Signature);
        html.Append("<p>").Append(Html.Encode(Signature).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p></body></html>");
        return new EmailMessage(request.NotificationId, request.AgreementId, to, cc, subject, text.ToString(), html.ToString(), actionLinks);
    }

    private static string MilestoneName(Milestone? milestone) => milestone switch
    {
        Milestone.M3 => "3-måneders-målingen",
        Milestone.M12 => "12-måneders-målingen",
        Milestone.M36 => "36-måneders-målingen",
        _ => "målingen",
    };

    private static string ReasonText(EscalationReason? reason, Milestone? milestone) => reason switch
    {
        EscalationReason.FinancingDecisionOverdue => "finansieringen er ikke afgjort inden fristen",
        EscalationReason.MoveOverdue => "flytningen er ikke registreret og er forsinket",
        EscalationReason.IndicatorBelowThreshold => $"{MilestoneName(milestone)} ligger under tærsklen",
        EscalationReason.MeasurementDataMissing => $"der mangler data til {MilestoneName(milestone)}",
        _ => "en opgave er gået i stå",
    };

    private static string BreachText(Breach breach) => breach switch
    {
        Breach.SelfSufficiencyBelowMinimum => "Selvforsørgelsesgraden er under minimum.",
        Breach.ResourceDrawAboveMaximum => "Ressourcetrækket er over maksimum.",
        Breach.WellBeingBelowMinimum => "Borgerens svar på, hvordan det går i den nye bolig, er under minimum.",
        _ => breach.ToString(),
    };
}
