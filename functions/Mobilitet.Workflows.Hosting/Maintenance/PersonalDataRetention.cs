using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Retention;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>
/// Retention and erasure of ended agreements (docs/personal-data.md, "Retention"). An agreement that ended
/// (completed, declined, rejected, expired, cancelled) longer than <see cref="RetentionOptions.PersonalData"/> ago has,
/// in this order: its anonymous outcome kept on its row (<see cref="RetainedOutcome"/>, so the statistics stay the
/// same), its personal data erased (<see cref="AgreementErasure"/>, the same erasure as a withdrawal), the orchestration
/// histories of the agreement and its escalations purged, <see cref="TimelineKind.PersonalDataErased"/> on its timeline
/// and an audit entry by the system, and last <see cref="AgreementRecord.PersonalDataErasedAt"/> set, which takes it out
/// of the index the job reads. An agreement whose consent was withdrawn had its data erased by its workflow then; the job
/// takes it at once, erases again what may have come in since, and purges its histories — once.
/// Every step is safe to repeat, and a crash at any point leaves the agreement in the index for the next run to finish.
/// Failed agreements are left alone: they wait for an operator, who needs their data to repair them.
/// Each run handles at most <see cref="RetentionOptions.BatchSize"/> agreements (the next run goes on), a few side by
/// side, reading only the ended index's due key ranges. An agreement whose own orchestration still runs (it is finishing
/// its last steps) is skipped until a later run. An escalation of it that still runs <see cref="EscalationGrace"/> after the
/// agreement ended, its own orchestration over (one an older workflow version left open to a decision nobody will make),
/// is terminated and marked cancelled, and the agreement finished on the next run: skipped agreements must not fill the
/// batches run after run, or nothing behind them would ever be erased.
/// </summary>
public sealed partial class PersonalDataRetention(
    IAgreementRepository agreements,
    IEscalationRepository escalations,
    IMeasurementRepository measurements,
    AgreementErasure erasure,
    ITimeline timeline,
    IAuditLog audit,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<PersonalDataRetention> logger) : IMaintenanceJob
{
    /// <summary>Withdrawn first (due at once), then the ended statuses. Failed is not final: it waits for an operator.</summary>
    public static readonly IReadOnlyList<AgreementStatus> Statuses =
    [
        AgreementStatus.ConsentWithdrawn,
        AgreementStatus.Completed,
        AgreementStatus.Declined,
        AgreementStatus.Rejected,
        AgreementStatus.Expired,
        AgreementStatus.Cancelled,
    ];

    /// <summary>How long an escalation may go on closing itself after its agreement ended (it is told to at the end).</summary>
    public static readonly TimeSpan EscalationGrace = TimeSpan.FromHours(1);

    /// <returns>How many agreements were finished (erased and purged) in this run.</returns>
    public async Task<int> RunAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var settings = options.Value;
        var now = time.GetUtcNow();
        List<AgreementRecord> batch = [];
        foreach (var status in Statuses)
        {
            var endedBefore = status == AgreementStatus.ConsentWithdrawn ? now : now - settings.PersonalData;
            batch.AddRange(await agreements.ListDueForErasureAsync(status, endedBefore, settings.BatchSize - batch.Count, cancellationToken));
            if (batch.Count >= settings.BatchSize)
            {
                break;
            }
        }

        var finished = 0;
        await Parallel.ForEachAsync(
            batch,
            new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
            async (agreement, ct) =>
            {
                try
                {
                    if (await FinishAsync(client, agreement, now, ct))
                    {
                        Interlocked.Increment(ref finished);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One agreement that cannot be erased now must not hold up the others; it stays in the index.
                    LogFailed(exception, agreement.AgreementId);
                }
            });

        if (finished > 0)
        {
            LogFinished(finished, batch.Count);
        }

        return finished;
    }

    /// <returns>False if an orchestration of the agreement still runs (then nothing was erased).</returns>
    private async Task<bool> FinishAsync(DurableTaskClient client, AgreementRecord agreement, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = agreement.AgreementId;
        var recorded = await escalations.ListAsync(id, cancellationToken);
        var instances = await InstancesOfAsync(client, id, recorded, cancellationToken);
        var running = instances.Where(instance => !IsEnded(instance.RuntimeStatus)).ToList();
        if (running.Any(instance => instance.InstanceId == id))
        {
            LogStillRunning(id);
            return false;
        }

        if (running.Count > 0)
        {
            if (agreement.EndedOrLastChangedAt + EscalationGrace <= now)
            {
                await TerminateEscalationsAsync(client, id, running, recorded, cancellationToken);
            }

            return false;
        }

        // Never before the row's last change: the repository ignores older changes.
        var at = now > agreement.LastChangedAt ? now : agreement.LastChangedAt;
        var withdrawn = agreement.Status == AgreementStatus.ConsentWithdrawn;

        // 1. The anonymous outcome, from the data about to go; once (a later run finds the baseline gone and keeps it).
        if (agreement.Retained is null)
        {
            var outcome = RetainedOutcome.Of(agreement, await measurements.ListAsync(id, cancellationToken));
            await agreements.UpdateAsync(id, at, current => current with { Retained = current.Retained ?? outcome, EndedAt = current.EndedOrLastChangedAt }, cancellationToken);
        }

        // 2. The personal data.
        await erasure.EraseAsync(id, at, cancellationToken);

        // 3. The engine's record of it: the agreement's instance, its escalations' and any other of its instances.
        foreach (var instanceId in instances.Select(instance => instance.InstanceId).Distinct(StringComparer.Ordinal))
        {
            await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        }

        // 4. The record of the erasure (a withdrawal's was written by its workflow, and audited as the withdrawal).
        if (!withdrawn)
        {
            await timeline.AppendStepOnceAsync(id, new TimelineEntry(at, TimelineKind.PersonalDataErased, Actors.System, RetentionOptions.JobName), cancellationToken);

            // A crash between this entry and the marker below writes it again on the next run: an audit log may say twice, never not at all.
            await audit.AppendAsync(AuditedBy.System(RetentionOptions.JobName).Did(AuditAction.PersonalDataErased, id, at, $"status={agreement.Status};endedAt={agreement.EndedOrLastChangedAt:O}"), cancellationToken);
        }

        // 5. Done: out of the index, never processed again.
        await agreements.UpdateAsync(id, at, current => current with { PersonalDataErasedAt = current.PersonalDataErasedAt ?? at }, cancellationToken);
        LogErased(id, agreement.Status);
        return true;
    }

    private async Task TerminateEscalationsAsync(DurableTaskClient client, string agreementId, List<OrchestrationMetadata> running, IReadOnlyList<EscalationRecord> recorded, CancellationToken cancellationToken)
    {
        foreach (var instance in running)
        {
            // No output: nothing about the agreement goes into the engine.
            await client.TerminateInstanceAsync(instance.InstanceId, cancellation: cancellationToken);
        }

        // As an operator's terminate leaves them: no longer listed as open.
        foreach (var escalation in recorded)
        {
            if (escalation.Status is EscalationStatus.Open or EscalationStatus.Unresolved && running.Any(instance => instance.InstanceId == escalation.EscalationId))
            {
                await escalations.SaveAsync(escalation with { Status = EscalationStatus.Cancelled }, cancellationToken);
            }
        }

        LogEscalationsTerminated(agreementId, running.Count);
    }

    /// <summary>The agreement's instance and every instance named after it (its escalations), found by id prefix and by the escalations it recorded.</summary>
    private static async Task<List<OrchestrationMetadata>> InstancesOfAsync(DurableTaskClient client, string agreementId, IReadOnlyList<EscalationRecord> recorded, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, OrchestrationMetadata>(StringComparer.Ordinal);
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = agreementId, FetchInputsAndOutputs = false }).WithCancellation(cancellationToken))
        {
            // Agreement ids have one length, so the prefix names this agreement's instances only; checked all the same.
            if (instance.InstanceId == agreementId || (EscalationIds.TryParseAgreementId(instance.InstanceId, out var owner) && owner == agreementId))
            {
                found[instance.InstanceId] = instance;
            }
        }

        foreach (var instanceId in recorded.Select(escalation => escalation.EscalationId).Append(agreementId).Where(instanceId => !found.ContainsKey(instanceId)))
        {
            if (await client.GetInstanceAsync(instanceId, cancellationToken) is { } instance)
            {
                found[instanceId] = instance;
            }
        }

        return [.. found.Values];
    }

    private static bool IsEnded(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    [LoggerMessage(Level = LogLevel.Information, Message = "Agreement {AgreementId} ({Status}): personal data erased and orchestration histories purged")]
    private partial void LogErased(string agreementId, AgreementStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: finished {Finished} of {Due} agreements due in this run")]
    private partial void LogFinished(int finished, int due);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Agreement {AgreementId} has ended but an orchestration of it still runs; erasure waits for a later run")]
    private partial void LogStillRunning(string agreementId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agreement {AgreementId} has ended but {Count} escalation orchestrations of it still ran; terminated them, erasure on the next run")]
    private partial void LogEscalationsTerminated(string agreementId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not erase agreement {AgreementId} now; the next run tries again")]
    private partial void LogFailed(Exception exception, string agreementId);
}
