using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Caseload;

namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>
/// No caseload import is left "running" for ever by a crash: an import is stored before its job is started, so a
/// process that dies between the two leaves lines nobody imports. This job finds unfinished imports without a job and
/// starts it (the job takes up the lines without an outcome). An import whose storing itself was interrupted (its
/// lines incomplete, never shown to anyone) is discarded with its lines, which hold personal data. Run on a timer by
/// both hosts.
/// </summary>
public sealed partial class UnstartedCaseloadImportRepair(
    ICaseloadImportStore imports,
    TimeProvider time,
    ILogger<UnstartedCaseloadImportRepair> logger) : IMaintenanceJob
{
    /// <summary>Imports younger than this are left alone: their start may still be under way.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// An import not marked stored is discarded only this long after it started: storing a large file's lines takes
    /// minutes on slow storage, and one still being stored must not lose its lines under it.
    /// </summary>
    public static readonly TimeSpan StoringGrace = TimeSpan.FromHours(1);

    /// <returns>How many jobs were started.</returns>
    public async Task<int> RunAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var started = 0;
        var now = time.GetUtcNow();
        var settled = now - Grace;
        foreach (var import in await imports.ListUnfinishedAsync(cancellationToken))
        {
            if (import.StartedAt > settled)
            {
                continue;
            }

            if (!import.Stored)
            {
                if (import.StartedAt > now - StoringGrace)
                {
                    continue;
                }

                await imports.DiscardAsync(import.ImportId, cancellationToken);
                LogDiscarded(import.ImportId);
                continue;
            }

            if (await client.GetInstanceAsync(import.ImportId, cancellationToken) is not null)
            {
                continue;
            }

            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(
                    nameof(CaseloadImportJob), import.ImportId, new StartOrchestrationOptions { InstanceId = import.ImportId }, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                if (await client.GetInstanceAsync(import.ImportId, cancellationToken) is not null)
                {
                    continue; // another instance of the job started it first
                }

                throw;
            }

            LogStarted(import.ImportId);
            started++;
        }

        return started;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Caseload import {ImportId} was interrupted while its lines were stored; discarded it and its lines")]
    private partial void LogDiscarded(string importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Caseload import {ImportId} had no job (its start was interrupted); started it")]
    private partial void LogStarted(string importId);
}
