using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Caseload;

namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>
/// No caseload import is left "running" for ever by a crash: an import is stored before its job is started, so a
/// process that dies between the two leaves lines nobody imports. This job finds unfinished imports without a job and
/// starts it (the job takes up the lines without an outcome). Run on a timer by both hosts.
/// </summary>
public sealed partial class UnstartedCaseloadImportRepair(
    ICaseloadImportStore imports,
    TimeProvider time,
    ILogger<UnstartedCaseloadImportRepair> logger) : IMaintenanceJob
{
    /// <summary>Imports younger than this are left alone: their start may still be under way.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    /// <returns>How many jobs were started.</returns>
    public async Task<int> RunAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var started = 0;
        var settled = time.GetUtcNow() - Grace;
        foreach (var import in await imports.ListUnfinishedAsync(cancellationToken))
        {
            if (import.StartedAt > settled || await client.GetInstanceAsync(import.ImportId, cancellationToken) is not null)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Caseload import {ImportId} had no job (its start was interrupted); started it")]
    private partial void LogStarted(string importId);
}
