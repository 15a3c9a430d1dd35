using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Caseload;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.RegisterImports;

namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>
/// No personal data outlives a create that never finished. A create writes the vault row and the person key before
/// the agreement row; a process killed in between, or an undo that failed because storage was gone, leaves personal data
/// that no list shows, no retention finds (it works from agreement rows) and no erasure reaches. This job finds vault
/// rows without an agreement row and erases them with the person key and any register rows matched to them.
/// Run on a timer by both hosts.
/// </summary>
/// <remarks>
/// Only ids no other writer may still complete are erased: rows older than <see cref="Grace"/> (a create takes seconds),
/// ids the engine does not know (the agreement row is written before the start), and nothing while a caseload import is
/// unfinished (its rerun completes a line under the agreement id it reserved, however long ago that line's vault row was
/// written). The vault row is erased only if unchanged since it was listed, and it goes first, so a row written again
/// meanwhile keeps everything.
/// </remarks>
public sealed partial class OrphanedPersonalDataSweep(
    IVaultInventory vault,
    IAgreementRepository agreements,
    IPersonKeyIndex personKeyIndex,
    IRegisterRowStore registerRows,
    ICaseloadImportStore caseloadImports,
    TimeProvider time,
    ILogger<OrphanedPersonalDataSweep> logger) : IMaintenanceJob
{
    /// <summary>
    /// Hourly in the Functions app (minute 20, away from the five-minute jobs): with an hour's grace a more frequent run
    /// finds nothing new, and each run filters the whole vault table in the service. The local host runs it with every job.
    /// </summary>
    public const string Cron = "0 20 * * * *";

    /// <summary>Vault rows written more recently than this are left alone: their create may still be under way.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    /// <summary>
    /// How far back each run looks beyond <see cref="Grace"/>: every row is checked at every run for a week, so a week
    /// without a run (an outage) still finds it, while a run reads only a week's writes, not the whole vault.
    /// </summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(7);

    /// <returns>How many agreements' orphaned personal data was erased.</returns>
    public async Task<int> RunAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if ((await caseloadImports.ListUnfinishedAsync(cancellationToken)).Count > 0)
        {
            return 0; // a later run, once the imports are done
        }

        var settled = time.GetUtcNow() - Grace;
        var erased = 0;
        foreach (var parties in await vault.ListPartiesWrittenAsync(settled - Lookback, settled, cancellationToken))
        {
            var id = parties.AgreementId;
            if (await agreements.FindAsync(id, cancellationToken) is not null)
            {
                continue;
            }

            if (await client.GetInstanceAsync(id, cancellationToken) is not null)
            {
                LogRunningWithoutAgreement(id); // not a create that stopped halfway: an operator's case, not the sweep's
                continue;
            }

            if (!await vault.EraseIfUnchangedAsync(parties, cancellationToken))
            {
                continue;
            }

            // As the erasure of an agreement does: the index entry before the register rows (ExtractImporter).
            await personKeyIndex.RemoveWhereverAsync(id, cancellationToken);
            await registerRows.EraseAsync(id, cancellationToken);
            LogErased(id);
            erased++;
        }

        return erased;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erased the personal data of {AgreementId}, whose agreement was never stored (its create was interrupted)")]
    private partial void LogErased(string agreementId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Agreement {AgreementId} has personal data and an orchestration but no agreement row; left as it is")]
    private partial void LogRunningWithoutAgreement(string agreementId);
}
