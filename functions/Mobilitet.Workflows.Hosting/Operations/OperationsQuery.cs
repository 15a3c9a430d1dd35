using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Failures;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Operations;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Hosting.Operations;

/// <summary>
/// The agreements that need an operator: every agreement that has not ended, held against its engine instance and its
/// timeline (<see cref="AttentionAsync"/>). The engine is asked once, in pages, for the instances that run; only an open
/// agreement without a running instance (failed, ended, missing: the few the list is for) costs a read of its own, as does
/// the timeline of one that may need it. The list is for an administrator now and then, not for every page view
/// (docs/operations.md).
/// </summary>
public sealed class OperationsQuery(IAgreementRepository agreements, ITimeline timeline, IOptions<OperationsOptions> options, TimeProvider time)
{
    private const int Parallel = 8;

    private static readonly OrchestrationRuntimeStatus[] Live = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended];

    public async Task<IReadOnlyList<OperatorAttention>> ListAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        var open = (await agreements.ListAsync(null, null, cancellationToken)).Where(agreement => !agreement.Status.IsFinal()).ToList();
        var running = new Dictionary<string, OrchestrationMetadata>(StringComparer.Ordinal);
        var query = new OrchestrationQuery { Statuses = Live, PageSize = 1000, FetchInputsAndOutputs = false };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            running[instance.InstanceId] = instance;
        }

        var found = new OperatorAttention?[open.Count];
        await System.Threading.Tasks.Parallel.ForEachAsync(
            Enumerable.Range(0, open.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (index, token) => found[index] = await AttentionAsync(client, open[index], running.GetValueOrDefault(open[index].AgreementId), now, token));
        return [.. found.OfType<OperatorAttention>().OrderBy(row => row.Since).ThenBy(row => row.AgreementId, StringComparer.Ordinal)];
    }

    /// <summary>Why one agreement needs an operator now; null when it does not.</summary>
    /// <param name="known">The agreement's instance if it is already known to run (then the engine is not asked again).</param>
    public async Task<OperatorAttention?> AttentionAsync(DurableTaskClient client, AgreementRecord agreement, OrchestrationMetadata? known, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(agreement);
        if (agreement.Status.IsFinal())
        {
            return null;
        }

        // Not among the running ones: read it (it may have started since the query, or failed, ended or be missing), with
        // its outputs, which carry a failure's details.
        var instance = known ?? await client.GetInstanceAsync(agreement.AgreementId, getInputsAndOutputs: true, cancellationToken);
        var engine = instance?.RuntimeStatus;
        var mayHaveStalled = StallRule.PassedDue(agreement, DateTimeOffset.MinValue, now, options.Value.StallMargin) is not null;

        // The timeline only where its answer matters (most agreements are running and not yet due): one read per agreement, not two.
        var entries = agreement.Status == AgreementStatus.Failed || engine is null || mayHaveStalled
            ? await timeline.ReadAsync(agreement.AgreementId, cancellationToken)
            : [];
        var lastProgress = entries.Select(entry => entry.At).Append(agreement.LastChangedAt).Max();
        OperatorAttention Row(AttentionReason reason, DateTimeOffset since, string? detail, params OperatorAction[] actions) =>
            new(agreement.AgreementId, agreement.MunicipalityCode, agreement.Status, since, reason, AttentionReasonText.Danish(reason), detail, engine?.ToString(), actions);

        if (agreement.Status == AgreementStatus.Failed)
        {
            var failed = entries.LastOrDefault(entry => entry.Kind == TimelineKind.WorkflowFailed);
            return Row(AttentionReason.WorkflowFailed, failed?.At ?? agreement.LastChangedAt, failed?.Detail, ActionsFor(engine));
        }

        switch (engine)
        {
            case null when agreement.Status == AgreementStatus.AwaitingConsent && agreement.CreatedAt > now - UnstartedAgreementRepair.Grace:
                return null; // its creation may still be under way (and the repair job starts it if not)
            case null:
                return Row(AttentionReason.EngineInstanceMissing, lastProgress, null, ActionsFor(engine));
            case OrchestrationRuntimeStatus.Failed:
                var details = instance!.FailureDetails;
                return Row(AttentionReason.EngineFailed, instance!.LastUpdatedAt, details is null ? null : WorkflowFailure.From(details).Reason, ActionsFor(engine));
            case OrchestrationRuntimeStatus.Terminated:
                return Row(AttentionReason.EngineTerminated, instance!.LastUpdatedAt, null, ActionsFor(engine));
            case OrchestrationRuntimeStatus.Completed:
                return Row(AttentionReason.EngineCompleted, instance!.LastUpdatedAt, null, ActionsFor(engine));
            case OrchestrationRuntimeStatus.Suspended:
                return Row(AttentionReason.EngineSuspended, instance!.LastUpdatedAt, null, ActionsFor(engine));
        }

        return StallRule.PassedDue(agreement, lastProgress, now, options.Value.StallMargin) is { } due
            ? Row(AttentionReason.NoProgressPastDue, due, null, ActionsFor(engine))
            : null;
    }

    /// <summary>
    /// What an operator may do with an agreement that needs one, whose engine instance is in <paramref name="engine"/>: re-run
    /// the failed generation only when the engine failed it; start again from the last good step unless it is still being
    /// started (a stalled or suspended instance is terminated first); end it always.
    /// </summary>
    public static OperatorAction[] ActionsFor(OrchestrationRuntimeStatus? engine) => engine switch
    {
        OrchestrationRuntimeStatus.Failed => [OperatorAction.Retry, OperatorAction.Restart, OperatorAction.Terminate],
        OrchestrationRuntimeStatus.Pending => [OperatorAction.Terminate],
        _ => [OperatorAction.Restart, OperatorAction.Terminate],
    };
}
