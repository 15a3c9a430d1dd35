using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.DecisionLinks;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.DecisionLinks;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Hosting.Commands;

/// <summary>
/// A supervisor's decision on an escalation, from the email link or the web UI. Accepted while the
/// escalation is open, also after the last level's deadline (Unresolved). Who may decide: the recipient of
/// the emailed link (<see cref="DecisionLinkGate"/>: genuine, unexpired, not someone else's, used once), or a
/// signed-in supervisor of the agreement's municipality. The first decision wins;
/// its note, which may name people, is kept in the personal-data vault, never in the escalation's row
/// or the workflow.
/// </summary>
public sealed class EscalationCommands(
    IAgreementRepository agreements,
    IEscalationRepository escalations,
    IPersonalDataVault vault,
    DecisionDesk decisions,
    DecisionLinkGate links,
    IOptions<EmailLinkOptions> linkOptions,
    TimeProvider time)
{
    /// <param name="user">The signed-in person, or null (a link from an email, where the token decides).</param>
    public async Task<CommandResult> DecideAsync(DurableTaskClient client, CurrentUser? user, string escalationId, EscalationDecisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var escalation = EscalationIds.TryParseAgreementId(escalationId, out _) ? await escalations.FindAsync(escalationId, cancellationToken) : null;
        if (escalation is null)
        {
            return new CommandResult.EscalationNotFound(escalationId);
        }

        var errors = new ValidationErrors();
        var decision = errors.Choice("decision", request.Decision, RequestValidation.EscalationDecisions);
        var note = errors.OptionalText("note", request.Note, RequestValidation.NoteLength, multiline: true);
        DecisionLink? link = null;
        if (!string.IsNullOrEmpty(request.Token))
        {
            var reading = await links.CheckAsync(escalationId, request.Token, user, cancellationToken);
            if (reading.Problem is { } problem)
            {
                return new CommandResult.LinkRefused(problem);
            }

            link = reading.Link;
        }

        if (!errors.IsEmpty)
        {
            return new CommandResult.Invalid(errors);
        }

        if (link is null && await RefusedWithoutLinkAsync(user, escalation, cancellationToken) is { } refused)
        {
            return refused;
        }

        // The link is claimed before the decision, so of two posts with it one goes on and the other is told it is used.
        var now = time.GetUtcNow();
        if (link is not null && !await links.ClaimAsync(link, now, cancellationToken))
        {
            return new CommandResult.LinkRefused(DecisionLinkProblem.Used);
        }

        CommandResult result;
        try
        {
            result = await DecideAsync(client, user, escalation, decision!.Value, note, link, now, cancellationToken);
        }
        catch when (link is not null)
        {
            await links.ReleaseAsync(link, CancellationToken.None);
            throw;
        }

        if (link is not null && result is not CommandResult.EscalationAccepted)
        {
            await links.ReleaseAsync(link, cancellationToken);
        }

        return result;
    }

    private Task<CommandResult> DecideAsync(DurableTaskClient client, CurrentUser? user, EscalationRecord escalation, EscalationDecision decision, string? note, DecisionLink? link, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var actor = link is not null ? EscalationLadder.RoleAt(link.Level) : Workflow.Actors.Supervisor;
        var (agreementId, escalationId) = (escalation.AgreementId, escalation.EscalationId);
        // Signed in, the person decides (also with a link in hand); from an email without signing in, the link's recipient.
        var by = user is not null ? AuditedBy.Of(user) : AuditedBy.EmailLink(link!.RecipientKey, actor);
        return decisions.DecideAsync(
            client,
            DecisionCodec.Escalation(agreementId, escalationId, decision, withNote: note is not null, actor, now),
            by,
            notNow: () => escalation.Status is EscalationStatus.Open or EscalationStatus.Unresolved
                ? null
                : new CommandResult.Conflict($"Eskaleringen er allerede afsluttet ({escalation.Status})."),
            accepted: () => new CommandResult.EscalationAccepted(escalation),
            cancellationToken,
            isRepeat: async standing => !standing.HasNote() || await SameNoteAsync(agreementId, escalationId, note!, cancellationToken),
            whenRecorded: note is null ? null : () => vault.SaveEscalationNoteAsync(agreementId, escalationId, note, cancellationToken));
    }

    private async Task<CommandResult?> RefusedWithoutLinkAsync(CurrentUser? user, EscalationRecord escalation, CancellationToken cancellationToken)
    {
        if (user is null)
        {
            return linkOptions.Value.RequireToken
                ? new CommandResult.Forbidden("En beslutning kræver linket fra eskaleringsmailen eller login som tilsyn.")
                : new CommandResult.Unauthorized();
        }

        var municipality = (await agreements.FindAsync(escalation.AgreementId, cancellationToken))?.MunicipalityCode;
        return municipality is not null && user.MayActAs(Roles.Supervisor, municipality)
            ? null
            : new CommandResult.Forbidden("Kun tilsynet i aftalens kommune (eller modtageren af eskaleringsmailen) kan træffe beslutningen.");
    }

    /// <summary>
    /// A repeat carries the accepted decision's note. If the note is not stored (the first request died
    /// between recording the decision and storing its note), this request's note is the one to keep.
    /// </summary>
    private async Task<bool> SameNoteAsync(string agreementId, string escalationId, string note, CancellationToken cancellationToken)
    {
        var stored = await vault.FindEscalationNoteAsync(agreementId, escalationId, cancellationToken);
        if (stored is null)
        {
            await vault.SaveEscalationNoteAsync(agreementId, escalationId, note, cancellationToken);
            return true;
        }

        return stored == note;
    }
}
