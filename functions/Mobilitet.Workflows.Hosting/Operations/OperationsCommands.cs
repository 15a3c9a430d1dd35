using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Operations;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Workflows.Hosting.Operations;

/// <summary>
/// What an administrator can do to an agreement that needs an operator, from the Drift page or the API. Order of checks:
/// administrator (403), unknown id (404), bad input (400), the agreement does not need the action (409); nothing changes
/// unless every check passes, and every action done is written to the audit log (codes only).
/// <list type="bullet">
/// <item><b>Retry</b> re-runs the failed generation from its own input (the engine's restart). The engine's rewind would
/// re-run only the failed activity, but the local host's engine (InProcessTestHost 0.2.3-preview.1's gRPC sidecar) does not
/// implement it — only the Functions host's Durable extension does — so both hosts re-run the generation (docs/operations.md).
/// It is refused when the generation starts before the agreement's last good step (it would ask for steps again).</item>
/// <item><b>Restart</b> starts a new instance, same id, from the last good step the read model and timeline show
/// (<see cref="ResumePoint"/>), under the current workflow version; when no instance runs, or the one that runs is stalled or
/// suspended (it is terminated first).</item>
/// <item><b>Terminate</b> ends the workflow and its escalations in the engine and the agreement as Cancelled, with an
/// "operator" step on its timeline, and settles its financing as a cancellation after the move does
/// (<see cref="FinancingSettler"/>); the note goes to the vault, never to the engine, the audit row or the logs.</item>
/// </list>
/// Actions on one agreement take turns (<see cref="IOperatorLocks"/>) and each reads the agreement once it has its turn: of
/// two administrators acting at once, one acts and the other is told to look again, with nothing changed.
/// </summary>
public sealed partial class OperationsCommands(
    IAgreementRepository agreements,
    ITimeline timeline,
    IMeasurementRepository measurements,
    IEscalationRepository escalations,
    ITaskBoard board,
    IPersonalDataVault vault,
    IAuditLog audit,
    FinancingSettler settler,
    IOperatorLocks locks,
    IDecisionLog decisions,
    DecisionDesk desk,
    OperationsQuery query,
    TimeProvider time,
    ILogger<OperationsCommands> logger)
{
    public const string NotAnAdministrator = "Driftsværktøjerne kan kun bruges af administratorer.";

    public const string AnotherActionRunning = "En anden administrator handler netop nu på aftalen. Se listen igen om lidt";

    /// <summary>How long a restart waits for a stalled instance to be terminated before it starts the new one.</summary>
    public static readonly TimeSpan TerminateWait = TimeSpan.FromSeconds(30);

    private static readonly IReadOnlyDictionary<string, OperatorReason> Reasons =
        Enum.GetValues<OperatorReason>().ToDictionary(reason => reason.ToString(), StringComparer.Ordinal);

    public Task<CommandResult> RetryAsync(DurableTaskClient client, CurrentUser user, string id, OperatorRequest? request, CancellationToken cancellationToken) =>
        WithAgreementAsync(user, id, request, noteRequired: false, async (agreement, reason, _) =>
        {
            var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
            if (instance?.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
            {
                return Refused($"Kun en arbejdsgang, der er fejlet i motoren, kan genkøres (motorens status: {instance?.RuntimeStatus.ToString() ?? "ingen"})");
            }

            AgreementLifecycleInput? input;
            try
            {
                input = instance.ReadInputAs<AgreementLifecycleInput>();
            }
            catch (Exception exception) when (exception is System.Text.Json.JsonException or NotSupportedException)
            {
                input = null;
            }

            var point = await ResumePointAsync(agreement, cancellationToken);
            if (input is null || !point.Matches(input))
            {
                return Refused("Den fejlede generation starter før aftalens sidste gode trin, så en genkørsel ville bede om trin, der allerede er udført. Brug \"Genstart fra sidste gode trin\"");
            }

            return await ResumeAsync(client, agreement, point, OperatorAction.Retry, reason, () => client.RestartAsync(id, restartWithNewInstanceId: false, cancellationToken), async at =>
            {
                await timeline.AppendAsync(id, new TimelineEntry(at, TimelineKind.OperatorRetried, Actors.Operator, reason.ToString()), cancellationToken);
                await audit.AppendAsync(AuditedBy.Of(user).Did(AuditAction.OperatorRetried, id, at, $"reason={reason};phase={point.Phase}"), cancellationToken);
            }, cancellationToken);
        }, cancellationToken);

    public Task<CommandResult> RestartAsync(DurableTaskClient client, CurrentUser user, string id, OperatorRequest? request, CancellationToken cancellationToken) =>
        WithAgreementAsync(user, id, request, noteRequired: false, async (agreement, reason, _) =>
        {
            var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
            var running = IsLive(instance);
            if (running && (await query.AttentionAsync(client, agreement, instance, time.GetUtcNow(), cancellationToken))?.Reason is not (AttentionReason.NoProgressPastDue or AttentionReason.EngineSuspended))
            {
                return Refused($"Aftalens arbejdsgang kører ({instance!.RuntimeStatus}) og er ikke gået i stå; den kan kun genstartes, når den er fejlet, stoppet, væk, sat på pause eller ikke kommet videre efter sin frist");
            }

            if (!PolicyCatalog.TryGet(agreement.PolicyName, out LifecyclePolicy? _))
            {
                return Refused($"Aftalens politik ({agreement.PolicyName}) findes ikke i denne version; ret aftalens data, før den genstartes");
            }

            var point = await ResumePointAsync(agreement, cancellationToken);
            if (running && !await TerminatedAsync(client, id, cancellationToken))
            {
                return new CommandResult.Unavailable("Den gående i stå arbejdsgang kunne ikke stoppes i tide; prøv igen.");
            }

            var options = new StartOrchestrationOptions { InstanceId = id }
                .WithDedupeStatuses(OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);
            var detail = point.Checkpoint.Milestone is { } milestone ? $"{point.Phase}:{milestone}" : point.Phase.ToString();
            return await ResumeAsync(client, agreement, point, OperatorAction.Restart, reason, () => client.ScheduleNewOrchestrationInstanceAsync(nameof(AgreementLifecycle), point.InputFor(agreement), options, cancellationToken), async at =>
            {
                await timeline.AppendAsync(id, new TimelineEntry(at, TimelineKind.OperatorRestarted, Actors.Operator, $"{reason}:{detail}"), cancellationToken);
                await audit.AppendAsync(AuditedBy.Of(user).Did(AuditAction.OperatorRestarted, id, at, $"reason={reason};phase={detail}"), cancellationToken);
            }, cancellationToken);
        }, cancellationToken);

    public Task<CommandResult> TerminateAsync(DurableTaskClient client, CurrentUser user, string id, OperatorRequest? request, CancellationToken cancellationToken) =>
        WithAgreementAsync(user, id, request, noteRequired: true, async (agreement, reason, note) =>
        {
            var open = (await escalations.ListAsync(id, cancellationToken)).Where(escalation => escalation.Status is EscalationStatus.Open or EscalationStatus.Unresolved).ToList();
            try
            {
                foreach (var escalation in open)
                {
                    await TerminateIfRunningAsync(client, escalation.EscalationId, cancellationToken);
                }

                await TerminateIfRunningAsync(client, id, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogEngineRefused(exception, id, OperatorAction.Terminate);
                return new CommandResult.Unavailable("Arbejdsgangen kunne ikke nås. Prøv igen.");
            }

            // Free text may name people: the vault, nowhere else.
            await vault.SaveStopReasonAsync(id, note!, cancellationToken);
            foreach (var escalation in open)
            {
                await escalations.SaveAsync(escalation with { Status = EscalationStatus.Cancelled }, cancellationToken);
            }

            var at = time.GetUtcNow();
            await board.CloseAllAsync(id, at, cancellationToken);
            await board.RefreshAgreementAsync(agreements, id, cancellationToken);
            await timeline.AppendAsync(id, new TimelineEntry(at, TimelineKind.OperatorTerminated, Actors.Operator, reason.ToString()), cancellationToken);
            await agreements.UpdateAsync(id, at, current => current with { Status = AgreementStatus.Cancelled, NextMilestoneAt = null }, cancellationToken);
            await settler.SettleAsync(id, at, AgreementStatus.Cancelled, cancellationToken);
            await audit.AppendAsync(AuditedBy.Of(user).Did(AuditAction.OperatorTerminated, id, at, $"reason={reason};status={agreement.Status}"), cancellationToken);
            LogActed(id, OperatorAction.Terminate, reason);
            return new CommandResult.Accepted(agreement with { Status = AgreementStatus.Cancelled });
        }, cancellationToken);

    /// <summary>The last good step of the agreement (<see cref="ResumePoint"/>), from its read model, timeline, measurements, escalations and tasks.</summary>
    public async Task<ResumePoint> ResumePointAsync(AgreementRecord agreement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var id = agreement.AgreementId;
        var entries = timeline.ReadAsync(id, cancellationToken);
        var measured = measurements.ListAsync(id, cancellationToken);
        var raised = escalations.ListAsync(id, cancellationToken);
        var tasks = board.ListForAgreementAsync(id, cancellationToken);
        await Task.WhenAll(entries, measured, raised, tasks);
        var open = (await raised).Where(escalation => escalation.Status is EscalationStatus.Open or EscalationStatus.Unresolved).Select(escalation => escalation.EscalationId).ToList();
        return ResumePoint.Of(agreement, await entries, await measured, open, [.. (await tasks).Select(task => task.TaskId)]);
    }

    // The read model shows the status the workflow runs in again before the engine starts it: a generation that fails at
    // once then records its failure after this change, not under it. If the engine refuses and nothing runs, the status goes back.
    private async Task<CommandResult> ResumeAsync(DurableTaskClient client, AgreementRecord agreement, ResumePoint point, OperatorAction action, OperatorReason reason, Func<Task> start, Func<DateTimeOffset, Task> record, CancellationToken cancellationToken)
    {
        var id = agreement.AgreementId;
        var at = time.GetUtcNow();
        await agreements.UpdateAsync(id, at, current => current with { Status = point.Status }, cancellationToken);
        try
        {
            await start();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEngineRefused(exception, id, action);
            if (!IsLive(await client.GetInstanceAsync(id, getInputsAndOutputs: false, CancellationToken.None)))
            {
                // Nothing runs: the status goes back. An instance that runs after all writes its own status; leave it.
                await agreements.UpdateAsync(id, time.GetUtcNow(), current => current with { Status = agreement.Status }, CancellationToken.None);
            }

            return new CommandResult.Unavailable("Arbejdsgangen kunne ikke startes (den er måske netop startet af en anden), og intet er ændret. Se listen igen.");
        }

        await record(at);
        await HandOverDecisionsAsync(client, id, point, cancellationToken);
        LogActed(id, action, reason);
        return new CommandResult.Accepted(agreement with { Status = point.Status });
    }

    /// <summary>
    /// Hands the new instance the decisions that stand for the steps ahead of it: a decision the lost instance received
    /// and never acted on is marked delivered, so neither a repeat of it by the person (a repeat is not delivered again)
    /// nor the repair job would bring it to the new instance, which would wait for it until its deadline. A step already
    /// taken is not ahead of the point, so nothing is decided twice; a consent the point carries is not handed again.
    /// </summary>
    private async Task HandOverDecisionsAsync(DurableTaskClient client, string id, ResumePoint point, CancellationToken cancellationToken)
    {
        string[] ahead = point.Phase switch
        {
            LifecyclePhase.Start when point.Checkpoint.Carried is { Count: > 0 } => [DecisionSubjects.Financing],
            LifecyclePhase.Start => [DecisionSubjects.Consent, DecisionSubjects.Financing],
            LifecyclePhase.Move => [DecisionSubjects.Move],
            _ => [],
        };
        foreach (var subject in ahead)
        {
            if (await decisions.FindAsync(id, subject, cancellationToken) is { } standing)
            {
                await desk.DeliverAsync(client, standing, cancellationToken);
            }
        }
    }

    /// <summary>A stalled or suspended instance is stopped before a new one starts from the last good step.</summary>
    private async Task<bool> TerminatedAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        try
        {
            await TerminateIfRunningAsync(client, id, cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TerminateWait);
            return (await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, wait.Token)).IsCompleted;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEngineRefused(exception, id, OperatorAction.Restart);
            return false;
        }
    }

    // An instance that has not ended (the engine no longer reports ContinuedAsNew: a continued instance is Running).
    private static bool IsLive(OrchestrationMetadata? instance) => instance?.RuntimeStatus is OrchestrationRuntimeStatus.Running
        or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;

    private static async Task TerminateIfRunningAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (IsLive(instance))
        {
            // No output: the reason is the operator's, and it stays out of the engine.
            await client.TerminateInstanceAsync(instanceId, cancellation: cancellationToken);
        }
    }

    private async Task<CommandResult> WithAgreementAsync(
        CurrentUser user,
        string id,
        OperatorRequest? request,
        bool noteRequired,
        Func<AgreementRecord, OperatorReason, string?, Task<CommandResult>> command,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsIn(Roles.Administrator))
        {
            return new CommandResult.Forbidden(NotAnAdministrator);
        }

        var agreement = AgreementIds.IsWellFormed(id) ? await agreements.FindAsync(id, cancellationToken) : null;
        if (agreement is null)
        {
            return new CommandResult.AgreementNotFound(id);
        }

        var errors = new ValidationErrors();
        var reason = errors.Choice("reason", request?.Reason, Reasons);
        var note = noteRequired
            ? errors.RequiredText("note", request?.Note, RequestValidation.TextLength, multiline: true)
            : errors.OptionalText("note", request?.Note, RequestValidation.TextLength, multiline: true);
        if (!errors.IsEmpty || reason is not { } code)
        {
            return new CommandResult.Invalid(errors);
        }

        await using var turn = await locks.TryAcquireAsync(id, time.GetUtcNow(), cancellationToken);
        if (turn is null)
        {
            return Refused(AnotherActionRunning);
        }

        // Read again now that it is this action's turn: an action that just finished may have changed it.
        agreement = await agreements.FindAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Agreement {id} left the read model.");
        if (agreement.Status.IsFinal())
        {
            return Refused($"Aftalen er afsluttet ({Web.Shared.AgreementStatusTag.Text(agreement.Status).ToLower(Notifications.DanishFormat.Culture)})");
        }

        return await command(agreement, code, note);
    }

    private static CommandResult.Conflict Refused(string why) => new($"{why}."); // the problem details add "Intet er ændret."

    [LoggerMessage(Level = LogLevel.Warning, Message = "An operator's {Action} on agreement {AgreementId}: done (reason {Reason})")]
    private partial void LogActed(string agreementId, OperatorAction action, OperatorReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The engine refused an operator's {Action} on agreement {AgreementId}; nothing was changed")]
    private partial void LogEngineRefused(Exception exception, string agreementId, OperatorAction action);
}
