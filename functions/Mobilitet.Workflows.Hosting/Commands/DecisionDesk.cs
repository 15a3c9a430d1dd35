using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Hosting.Telemetry;

namespace Mobilitet.Workflows.Hosting.Commands;

/// <summary>
/// The one way a person's decision reaches a workflow, so that the first decision wins and the others
/// are told: the decision is recorded with a conditional write (one per agreement and subject), then
/// handed to the workflow. A repeat of the recorded decision is accepted again (and handed over again
/// if the first delivery did not happen); any other decision on the subject is refused with 409 and
/// the decision that stands. The decision that is recorded is written to the audit log, with who took it.
/// </summary>
public sealed partial class DecisionDesk(IDecisionLog log, IAuditLog audit, WorkflowGate gate, ILogger<DecisionDesk> logger)
{
    /// <param name="decision">The decision to record.</param>
    /// <param name="by">Who takes it, for the audit log (the decision itself carries only the role).</param>
    /// <param name="notNow">The check against the read model: a refusal if the decision does not fit the state, else null.</param>
    /// <param name="accepted">The answer once the decision is recorded (or repeated).</param>
    /// <param name="isRepeat">Whether a request with the same fields really is the same request (the escalation note); null: the fields decide.</param>
    /// <param name="whenRecorded">What to store once this decision stands and before the workflow sees it (the note).</param>
    /// <param name="readAhead">The decision log and workflow reads, if the caller started them early (<see cref="ReadAhead"/>).</param>
    public async Task<CommandResult> DecideAsync(
        DurableTaskClient client,
        Decision decision,
        AuditedBy by,
        Func<CommandResult?> notNow,
        Func<CommandResult> accepted,
        CancellationToken cancellationToken,
        Func<Decision, Task<bool>>? isRepeat = null,
        Func<Task>? whenRecorded = null,
        Reads? readAhead = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        using var activity = MobilitetTelemetry.StartAgreementActivity("RecordDecision", decision.AgreementId);
        return activity.Outcome(await DecideUntracedAsync(client, decision, by, notNow, accepted, isRepeat, whenRecorded, readAhead, cancellationToken));
    }

    private async Task<CommandResult> DecideUntracedAsync(
        DurableTaskClient client,
        Decision decision,
        AuditedBy by,
        Func<CommandResult?> notNow,
        Func<CommandResult> accepted,
        Func<Decision, Task<bool>>? isRepeat,
        Func<Task>? whenRecorded,
        Reads? readAhead,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(notNow);
        ArgumentNullException.ThrowIfNull(accepted);

        // Two reads at once: the workflow's state is asked for beside the decision log (each a round trip to
        // storage), and looked at only if no decision stands and the step fits the agreement's state.
        var instanceId = DecisionCodec.InstanceOf(decision);
        var reads = readAhead is not null && readAhead.AgreementId == decision.AgreementId && readAhead.Subject == decision.Subject && readAhead.InstanceId == instanceId
            ? readAhead
            : ReadAhead(client, decision.AgreementId, decision.Subject, instanceId, cancellationToken);
        var workflow = reads.Workflow;
        Decision? earlier;
        try
        {
            earlier = await reads.Earlier;
        }
        catch
        {
            WorkflowGate.Abandon(workflow);
            throw;
        }

        if (earlier is not null)
        {
            WorkflowGate.Abandon(workflow);
            return await AnswerRepeatAsync(client, decision, earlier, accepted, isRepeat, cancellationToken);
        }

        if (notNow() is { } refused)
        {
            WorkflowGate.Abandon(workflow);
            return refused;
        }

        if (await gate.CheckAsync(client, instanceId, workflow, cancellationToken) is { } blocked)
        {
            return blocked;
        }

        var (standing, recorded) = await log.ClaimAsync(decision, cancellationToken);
        if (!recorded)
        {
            return await AnswerRepeatAsync(client, decision, standing, accepted, isRepeat, cancellationToken);
        }

        // Once per decision, by whoever's request recorded it; a repeat is the same decision and is not written again.
        // (A crash between the claim and the audit write leaves the decision without its audit entry: the documented
        // window.) The entry is written beside the hand-over, which does not depend on it: one round trip less per
        // decision, and the answer still waits for both.
        var audited = audit.AppendAsync(by.Did(AuditActionOf(decision), decision.AgreementId, decision.At, AuditDetailOf(decision)), cancellationToken);
        await Task.WhenAll(audited, HandOverAsync(client, standing, whenRecorded, cancellationToken));
        LogDecided(decision.AgreementId, decision.Subject, decision.Actor);
        return accepted();
    }

    /// <summary>Stores what must be stored before the workflow sees the decision (the note), then delivers it.</summary>
    private async Task HandOverAsync(DurableTaskClient client, Decision standing, Func<Task>? whenRecorded, CancellationToken cancellationToken)
    {
        if (whenRecorded is not null)
        {
            await whenRecorded();
        }

        await DeliverAsync(client, standing, cancellationToken);
    }

    /// <summary>What the audit log calls a decision on <see cref="Decision.Subject"/>.</summary>
    public static AuditAction AuditActionOf(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Subject switch
        {
            DecisionSubjects.Consent => AuditAction.ConsentRecorded,
            DecisionSubjects.Financing => AuditAction.FinancingDecided,
            DecisionSubjects.Move => AuditAction.MoveRecorded,
            var subject when subject.StartsWith(DecisionSubjects.FollowUpPrefix, StringComparison.Ordinal) => AuditAction.FollowUpDone,
            _ => AuditAction.EscalationDecided,
        };
    }

    /// <summary>The decision's subject and fields, in order ("subject=financing;approvedDkk=45000;decision=approved"): codes, amounts and dates only.</summary>
    public static string AuditDetailOf(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return string.Join(';', decision.Fields.OrderBy(field => field.Key, StringComparer.Ordinal).Select(field => $"{field.Key}={field.Value}").Prepend($"subject={decision.Subject}"));
    }

    /// <summary>
    /// Starts the two reads a decision begins with — the decision that stands on the subject, if any, and
    /// the workflow's state — so that a command can run them beside its own (the agreement's row). Both are
    /// reads only; <see cref="DecideAsync"/> looks at them in its own order, after the command's checks.
    /// Reads a command does not hand on must be let go with <see cref="Reads.Abandon"/>.
    /// </summary>
    public Reads ReadAhead(DurableTaskClient client, string agreementId, string subject, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new Reads(
            agreementId,
            subject,
            instanceId,
            FindAsync(log, agreementId, subject, cancellationToken),
            WorkflowGate.ReadAsync(client, instanceId, cancellationToken));

        static async Task<Decision?> FindAsync(IDecisionLog log, string agreementId, string subject, CancellationToken cancellationToken) =>
            await log.FindAsync(agreementId, subject, cancellationToken);
    }

    /// <summary>The reads <see cref="ReadAhead"/> started.</summary>
    public sealed class Reads
    {
        internal Reads(string agreementId, string subject, string instanceId, Task<Decision?> earlier, Task<OrchestrationMetadata?> workflow)
        {
            AgreementId = agreementId;
            Subject = subject;
            InstanceId = instanceId;
            Earlier = earlier;
            Workflow = workflow;
        }

        internal string AgreementId { get; }

        internal string Subject { get; }

        internal string InstanceId { get; }

        internal Task<Decision?> Earlier { get; }

        internal Task<OrchestrationMetadata?> Workflow { get; }

        /// <summary>Lets go of reads that turned out not to be needed (a refusal before the decision); their failures are not of interest.</summary>
        public void Abandon()
        {
            WorkflowGate.Abandon(Earlier);
            WorkflowGate.Abandon(Workflow);
        }
    }

    /// <summary>
    /// Hands a recorded decision to its workflow and notes that it did. If the engine cannot be reached,
    /// the decision still stands: the repair job delivers it later (<see cref="Maintenance.UndeliveredDecisionRepair"/>).
    /// </summary>
    /// <returns>True if delivered now.</returns>
    public async Task<bool> DeliverAsync(DurableTaskClient client, Decision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(decision);
        var (name, payload) = DecisionCodec.ToEvent(decision);
        try
        {
            await client.RaiseEventAsync(DecisionCodec.InstanceOf(decision), name, payload, cancellationToken);
            await log.MarkDeliveredAsync(decision, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogDeliveryDeferred(exception, decision.AgreementId, decision.Subject);
            return false;
        }
    }

    private async Task<CommandResult> AnswerRepeatAsync(
        DurableTaskClient client,
        Decision decision,
        Decision standing,
        Func<CommandResult> accepted,
        Func<Decision, Task<bool>>? isRepeat,
        CancellationToken cancellationToken)
    {
        if (!standing.SameAs(decision) || (isRepeat is not null && !await isRepeat(standing)))
        {
            LogRefused(decision.AgreementId, decision.Subject, decision.Actor);
            return new CommandResult.Conflict(DecisionCodec.Describe(standing), standing);
        }

        if (!standing.Delivered)
        {
            await DeliverAsync(client, standing, cancellationToken);
        }

        return accepted();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agreement {AgreementId}: decision on {Subject} recorded ({Actor})")]
    private partial void LogDecided(string agreementId, string subject, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agreement {AgreementId}: a different decision on {Subject} ({Actor}) was refused; an earlier one stands")]
    private partial void LogRefused(string agreementId, string subject, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agreement {AgreementId}: the decision on {Subject} is recorded but could not be handed to the workflow yet; the repair job will")]
    private partial void LogDeliveryDeferred(Exception exception, string agreementId, string subject);
}
