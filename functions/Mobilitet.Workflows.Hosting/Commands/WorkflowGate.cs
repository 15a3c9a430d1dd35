using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Failures;

namespace Mobilitet.Workflows.Hosting.Commands;

/// <summary>
/// Lets an event through to a workflow only when the workflow can take it. The read model can say
/// "waiting for the move" while the orchestration behind it has failed, been terminated or never
/// started: an event raised then would be dropped, and the person told 202 for nothing. A workflow
/// that has not started yet (Pending) is waited for a little, because the Azure Storage engine discards
/// an event that reaches an instance before its start has been processed.
/// </summary>
public sealed partial class WorkflowGate(WorkflowFailureRecorder failures, TimeProvider time, ILogger<WorkflowGate> logger)
{
    /// <summary>How long a request waits for a workflow that is being started.</summary>
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(15);

    /// <returns>Null when the workflow runs and can take an event; otherwise why not (409, or 503 while the engine cannot be reached).</returns>
    public Task<CommandResult?> CheckAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
        CheckAsync(client, instanceId, ReadAsync(client, instanceId, cancellationToken), cancellationToken);

    /// <summary>
    /// Asks the engine for the workflow's state, and nothing else: a read that a command may start early,
    /// beside its own reads, and hand to <see cref="CheckAsync(DurableTaskClient, string, Task{OrchestrationMetadata?}, CancellationToken)"/>
    /// once the checks before it have passed. A read that is not used must be passed to <see cref="Abandon"/>.
    /// </summary>
    public static async Task<OrchestrationMetadata?> ReadAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
    }

    /// <summary>Lets go of a read (from <see cref="ReadAsync"/> or any other) that is not needed after all: its failure, if any, is observed and not of interest.</summary>
    public static void Abandon(Task read)
    {
        ArgumentNullException.ThrowIfNull(read);
        _ = read.ContinueWith(static done => _ = done.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <param name="read">The workflow's state as read by <see cref="ReadAsync"/> (started by the caller, maybe beside other reads).</param>
    /// <returns>Null when the workflow runs and can take an event; otherwise why not (409, or 503 while the engine cannot be reached).</returns>
    public async Task<CommandResult?> CheckAsync(DurableTaskClient client, string instanceId, Task<OrchestrationMetadata?> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(read);
        OrchestrationMetadata? instance;
        try
        {
            instance = await read;
            if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
            {
                instance = await WaitForStartAsync(client, instanceId, cancellationToken) ?? instance;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEngineUnreachable(exception, instanceId);
            return new CommandResult.Unavailable("Arbejdsgangen kan ikke nås lige nu, og intet er ændret.");
        }

        return instance?.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Running => null,
            null => new CommandResult.Conflict("Aftalens arbejdsgang findes ikke (den er ikke startet eller er slettet), så handlingen kan ikke udføres."),
            OrchestrationRuntimeStatus.Pending => new CommandResult.Unavailable("Aftalens arbejdsgang er ved at blive startet, og intet er ændret."),
            OrchestrationRuntimeStatus.Failed => await FailedAsync(client, instance, cancellationToken),
            OrchestrationRuntimeStatus.Suspended => new CommandResult.Conflict("Aftalens arbejdsgang er sat på pause af en driftsansvarlig."),
            _ => new CommandResult.Conflict($"Aftalens arbejdsgang er afsluttet ({instance.RuntimeStatus})."),
        };
    }

    private static async Task<OrchestrationMetadata?> WaitForStartAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(StartWait);
        try
        {
            return await client.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs: false, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // still pending: the caller says so
        }
    }

    // The failure is recorded on the agreement here too, so the person who tried to act sees it at once.
    private async Task<CommandResult> FailedAsync(DurableTaskClient client, OrchestrationMetadata instance, CancellationToken cancellationToken)
    {
        var failure = WorkflowFailure.Create(null, "The engine gave no failure details.");
        try
        {
            if ((await client.GetInstanceAsync(instance.InstanceId, getInputsAndOutputs: true, cancellationToken))?.FailureDetails is { } details)
            {
                failure = WorkflowFailure.From(details);
            }

            await failures.RecordAsync(instance.InstanceId, instance.LastUpdatedAt == default ? time.GetUtcNow() : instance.LastUpdatedAt, failure, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The refusal stands either way; the failure sweep records it later.
            LogFailureNotRecorded(exception, instance.InstanceId);
        }

        return new CommandResult.Conflict($"Aftalens arbejdsgang er fejlet og venter på en driftsansvarlig ({failure.Reason}).");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the failure of orchestration {InstanceId}")]
    private partial void LogFailureNotRecorded(Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The engine could not be asked about orchestration {InstanceId}")]
    private partial void LogEngineUnreachable(Exception exception, string instanceId);
}
