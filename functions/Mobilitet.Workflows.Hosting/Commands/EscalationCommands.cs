using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Hosting.Commands;

/// <summary>
/// A supervisor's decision on an escalation, from the email link or the web UI. Accepted while the
/// escalation is open, also after the last level's deadline (Unresolved). Who may decide: the holder of
/// the emailed link (its token), or a signed-in supervisor of the agreement's municipality. The first decision wins;
/// its note, which may name people, is kept in the personal-data vault, never in the escalation's row
/// or the workflow.
/// </summary>
public sealed class EscalationCommands(
    IAgreementRepository agreements,
    IEscalationRepository escalations,
    IPersonalDataVault vault,
    DecisionDesk decisions,
    IOptions<EmailLinkOptions> links,
    TimeProvider time)
{
    private readonly DecisionTokens tokens = new(links.Value.SigningKey);

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
        var level = string.IsNullOrEmpty(request.Token) ? null : tokens.Verify(escalationId, request.Token);
        if (!string.IsNullOrEmpty(request.Token) && level is null)
        {
            errors.Add("token", Messages.InvalidToken);
        }

        if (!errors.IsEmpty)
        {
            return new CommandResult.Invalid(errors);
        }

        if (level is null && await RefusedWithoutLinkAsync(user, escalation, cancellationToken) is { } refused)
        {
            return refused;
        }

        var actor = level is { } fromLink ? EscalationLadder.RoleAt(fromLink) : Workflow.Actors.Supervisor;
        var agreementId = escalation.AgreementId;
        return await decisions.DecideAsync(
            client,
            DecisionCodec.Escalation(agreementId, escalationId, decision!.Value, withNote: note is not null, actor, time.GetUtcNow()),
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
            return links.Value.RequireToken
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
