using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Measurements;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>
/// Register data that arrives after a milestone fell due without data completes that measurement without anyone
/// acting. A milestone waits for its data while its <see cref="TaskKind.MeasurementDataMissing"/> task is open; once
/// the <see cref="IIndicatorSource"/> has values for its window, the workflow is woken with
/// <see cref="MeasurementRecorded"/>, measures it and closes the task and the missing-data escalation itself.
/// <list type="bullet">
/// <item>Right after an import, for the agreements it stored rows for (<see cref="WakeAsync"/>).</item>
/// <item>On the maintenance timer, for every open missing-data task (<see cref="RunAsync"/>): an import whose process
/// died before it woke the workflows, or whose wake-up met a workflow that could not be reached, is still acted on.</item>
/// </list>
/// Waking twice is harmless: a workflow measures a milestone only while it still waits for its data.
/// </summary>
public sealed partial class RegisterDataWakeup(
    IAgreementRepository agreements,
    ITaskBoard tasks,
    IIndicatorSource indicators,
    ILogger<RegisterDataWakeup> logger) : IMaintenanceJob
{
    /// <returns>How many milestones were woken.</returns>
    public async Task<int> WakeAsync(DurableTaskClient client, IEnumerable<string> agreementIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(agreementIds);
        var woken = 0;
        foreach (var agreementId in agreementIds.Distinct(StringComparer.Ordinal))
        {
            var waiting = (await tasks.ListForAgreementAsync(agreementId, cancellationToken))
                .Where(task => task.Kind == TaskKind.MeasurementDataMissing && task.Milestone is not null)
                .Select(task => task.Milestone!.Value);
            woken += await WakeAgreementAsync(client, agreementId, waiting, cancellationToken);
        }

        return woken;
    }

    /// <summary>
    /// Wakes the agreements an upload stored rows for, right after the upload. The upload has succeeded either way: a
    /// failure here is logged and left to <see cref="RunAsync"/> on the maintenance timer.
    /// </summary>
    public async Task WakeAfterImportAsync(DurableTaskClient client, RegisterImports.ExtractImportReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        try
        {
            await WakeAsync(client, report.Agreements, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogImportWakeFailed(exception, report.UploadId);
        }
    }

    /// <returns>How many milestones were woken.</returns>
    public async Task<int> RunAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var waiting = await tasks.ListAwaitingDataAsync(cancellationToken);

        var woken = 0;
        foreach (var agreement in waiting.GroupBy(task => task.AgreementId, StringComparer.Ordinal))
        {
            try
            {
                woken += await WakeAgreementAsync(client, agreement.Key, agreement.Select(task => task.Milestone!.Value), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One agreement that cannot be read or reached must not keep the others waiting; the next run tries it again.
                LogWakeFailed(exception, agreement.Key);
            }
        }

        return woken;
    }

    private async Task<int> WakeAgreementAsync(DurableTaskClient client, string agreementId, IEnumerable<Milestone> waiting, CancellationToken cancellationToken)
    {
        var milestones = waiting.Distinct().Order().ToList();
        if (milestones.Count == 0
            || await agreements.FindAsync(agreementId, cancellationToken) is not { Status: AgreementStatus.Monitoring } agreement)
        {
            return 0;
        }

        var woken = 0;
        foreach (var milestone in milestones)
        {
            if (await indicators.FindAsync(agreement, milestone, cancellationToken) is null)
            {
                continue;
            }

            await client.RaiseEventAsync(agreementId, WorkflowEvents.NameOf<MeasurementRecorded>(), new MeasurementRecorded(milestone), cancellationToken);
            LogWoken(agreementId, milestone);
            woken++;
        }

        return woken;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agreement {AgreementId} waited for the data of {Milestone}, which is now there; woke its workflow to measure it")]
    private partial void LogWoken(string agreementId, Milestone milestone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Register extract {ImportId} was imported, but waiting workflows could not be woken now; the wake-up job will")]
    private partial void LogImportWakeFailed(Exception exception, string importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake agreement {AgreementId} for data that arrived; the next run tries again")]
    private partial void LogWakeFailed(Exception exception, string agreementId);
}
