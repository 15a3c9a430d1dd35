using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Hosting.Telemetry;

namespace Mobilitet.Functions.Timers;

/// <summary>
/// The maintenance jobs both hosts run on a timer (the local host in MaintenanceService), one timer
/// trigger per <see cref="IMaintenanceJob"/>: a job that fails fails alone and runs again next time.
/// </summary>
public sealed class MaintenanceFunctions(
    UnstartedAgreementRepair repair,
    UndeliveredDecisionRepair decisions,
    FailedWorkflowSweep failures,
    PersonalDataRetention retention,
    RegisterDataWakeup wakeup,
    UnstartedCaseloadImportRepair caseloads,
    OrphanedPersonalDataSweep orphans,
    DailyDigestJob digests,
    TelemetrySnapshotJob telemetry,
    PersonalDataEncryptionMigration encryption,
    AgreementIndexMigration indexes)
{
    /// <summary>Starts agreements whose creation was interrupted before their orchestration started.</summary>
    [Function("Maintenance_StartUnstartedAgreements")]
    public Task StartUnstartedAgreements(
        [TimerTrigger(MaintenanceSchedule.Cron, RunOnStartup = true)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        repair.RunAsync(client, CancellationOf(context));

    /// <summary>Hands decisions to their workflows when a crash came between recording and delivering them.</summary>
    [Function("Maintenance_DeliverUndeliveredDecisions")]
    public Task DeliverUndeliveredDecisions(
        [TimerTrigger(MaintenanceSchedule.Cron, RunOnStartup = true)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        decisions.RunAsync(client, CancellationOf(context));

    /// <summary>Shows failed workflows on their agreements when they could not report themselves.</summary>
    [Function("Maintenance_RecordFailedWorkflows")]
    public Task RecordFailedWorkflows(
        [TimerTrigger(MaintenanceSchedule.Cron)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        failures.RunAsync(client, CancellationOf(context));

    /// <summary>
    /// Erases the personal data of agreements ended longer than the retention period ago, and purges the orchestration
    /// histories of those and of withdrawn agreements; one batch per run.
    /// </summary>
    [Function("Maintenance_ErasePersonalDataAfterRetention")]
    public Task ErasePersonalDataAfterRetention(
        [TimerTrigger(MaintenanceSchedule.Cron)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        retention.RunAsync(client, CancellationOf(context));

    /// <summary>Wakes workflows waiting for a milestone's data that register extracts now cover.</summary>
    [Function("Maintenance_WakeForRegisterData")]
    public Task WakeForRegisterData(
        [TimerTrigger(MaintenanceSchedule.Cron)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        wakeup.RunAsync(client, CancellationOf(context));

    /// <summary>Starts the job of a caseload import whose start was interrupted.</summary>
    [Function("Maintenance_StartUnstartedCaseloadImports")]
    public Task StartUnstartedCaseloadImports(
        [TimerTrigger(MaintenanceSchedule.Cron)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        caseloads.RunAsync(client, CancellationOf(context));

    /// <summary>Erases personal data whose agreement was never stored (a create interrupted between its writes).</summary>
    [Function("Maintenance_EraseOrphanedPersonalData")]
    public Task EraseOrphanedPersonalData(
        [TimerTrigger(OrphanedPersonalDataSweep.Cron)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        orphans.RunAsync(client, CancellationOf(context));

    /// <summary>
    /// The daily digest: fires at 05:00 and 06:00 UTC on weekdays (time zones are not supported on Linux Consumption
    /// and Flex Consumption); the job sends only from 07:00 Copenhagen time and once a day (DigestSchedule).
    /// </summary>
    [Function("Maintenance_SendDailyDigests")]
    public Task SendDailyDigests(
        [TimerTrigger(Mobilitet.Workflows.Digests.DigestSchedule.Cron)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        digests.RunAsync(client, CancellationOf(context));

    /// <summary>
    /// Takes the numbers the domain's gauges report (WorkflowMetrics). Also at startup, so a new instance reports numbers
    /// within minutes rather than nothing until its first tick.
    /// </summary>
    [Function("Maintenance_SnapshotTelemetry")]
    public Task SnapshotTelemetry(
        [TimerTrigger(MaintenanceSchedule.Cron, RunOnStartup = true)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        telemetry.RunAsync(client, CancellationOf(context));

    /// <summary>Encrypts personal data stored in clear text before encryption at rest: once per instance, at start.</summary>
    [Function("Maintenance_EncryptClearPersonalData")]
    public Task EncryptClearPersonalData(
        [TimerTrigger(MaintenanceSchedule.Cron, RunOnStartup = true)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        encryption.RunAsync(client, CancellationOf(context));

    /// <summary>Indexes agreements stored under an earlier index layout: once per instance, at start (so a deploy needs no step by hand).</summary>
    [Function("Maintenance_ReindexAgreements")]
    public Task ReindexAgreements(
        [TimerTrigger(MaintenanceSchedule.Cron, RunOnStartup = true)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        indexes.RunAsync(client, CancellationOf(context));

    private static CancellationToken CancellationOf(FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CancellationToken;
    }
}
