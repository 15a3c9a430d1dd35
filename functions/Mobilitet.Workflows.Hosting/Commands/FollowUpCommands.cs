using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Hosting.Commands;

/// <summary>
/// A caseworker marks the follow-up task a supervisor's "follow-up" decision opened as done (workflow 1.4 on), from the
/// API or the task list's button. A caseworker of the agreement's municipality may; the first "done" is recorded in the
/// decision log with who and when (like every decision) and handed to the escalation's workflow, and a repeat is
/// accepted again. Once the task is gone (done, or overdue and escalated again) a new "done" is refused with 409.
/// </summary>
public sealed class FollowUpCommands(IAgreementRepository agreements, IEscalationRepository escalations, ITaskBoard board, DecisionDesk decisions, TimeProvider time)
{
    public async Task<CommandResult> DoneAsync(DurableTaskClient client, CurrentUser user, string agreementId, string escalationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var agreement = AgreementIds.IsWellFormed(agreementId) ? await agreements.FindAsync(agreementId, cancellationToken) : null;
        if (agreement is null)
        {
            return new CommandResult.AgreementNotFound(agreementId);
        }

        if (!user.MayActAs(Roles.Caseworker, agreement.MunicipalityCode))
        {
            return new CommandResult.Forbidden("Kun sagsbehandlere i aftalens kommune kan markere en opfølgning som udført.");
        }

        // An escalation of another agreement is not found here, whatever it is.
        var escalation = EscalationIds.TryParseAgreementId(escalationId, out var owner) && owner == agreementId
            ? await escalations.FindAsync(escalationId, cancellationToken)
            : null;
        if (escalation is null)
        {
            return new CommandResult.EscalationNotFound(escalationId);
        }

        var taskId = CaseTask.IdFor(TaskKind.FollowUp, escalationId: escalationId);
        var open = (await board.ListForAgreementAsync(agreementId, cancellationToken)).Any(task => task.TaskId == taskId);
        return await decisions.DecideAsync(
            client,
            DecisionCodec.FollowUpDone(agreementId, escalationId, Workflow.Actors.Caseworker, time.GetUtcNow()),
            AuditedBy.Of(user),
            notNow: () => open
                ? null
                : new CommandResult.Conflict("Der er ingen åben opfølgningsopgave på eskaleringen: den er ikke besluttet, allerede udført, eller fristen er overskredet og sagen eskaleret igen."),
            accepted: () => new CommandResult.Accepted(agreement),
            cancellationToken);
    }
}
