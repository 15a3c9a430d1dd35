using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.WellBeing;

namespace Mobilitet.Workflows.PersonalData;

/// <summary>
/// Erases an agreement's personal data: the resident's and the parties' data (the vault, with supervisors' notes), the
/// person key (so no register import finds the agreement again) and the register rows imported for them, the indicator
/// values (the baseline too), check-ins, measurement values, documents, emails kept in the outbox, and the agreement's
/// tasks. The read-model row and the timeline (codes and roles only) stay, so the agreement is still accounted for.
/// One erasure for both reasons: consent withdrawn (the workflow's <see cref="Workflow.Activities.EraseAgreementData"/>)
/// and the retention period run out (the retention job). Every step deletes what is there, so running it again is harmless.
/// </summary>
public sealed class AgreementErasure(
    IAgreementRepository agreements,
    IPersonalDataVault vault,
    IPersonKeyIndex personKeyIndex,
    IRegisterRowStore registerRows,
    IIndicatorStore indicators,
    IMeasurementRepository measurements,
    IDocumentStore documents,
    ITaskBoard tasks,
    ICheckInStore checkIns,
    IOutbox? outbox = null)
{
    /// <param name="at">The time of the change to the read model (the orchestration time for the workflow).</param>
    public async Task EraseAsync(string agreementId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreementId);
        var id = agreementId;
        await agreements.UpdateAsync(id, at, agreement => agreement with { Baseline = null }, cancellationToken);
        await vault.EraseAsync(id, cancellationToken);
        if (await agreements.FindAsync(id, cancellationToken) is { } agreement)
        {
            await personKeyIndex.RemoveAsync(agreement.MunicipalityCode, id, cancellationToken);
        }

        // After the index entry: an import that matched the agreement before and stores rows after this erasure finds
        // the entry gone and erases its rows itself (ExtractImporter).
        await registerRows.EraseAsync(id, cancellationToken);
        await indicators.EraseAsync(id, cancellationToken);
        await checkIns.EraseAsync(id, cancellationToken);
        await measurements.EraseValuesAsync(id, cancellationToken);
        await documents.EraseAsync(id, cancellationToken);
        await tasks.EraseAsync(id, cancellationToken);
        await tasks.RefreshAgreementAsync(agreements, id, cancellationToken);
        if (outbox is not null)
        {
            await outbox.EraseAsync(id, cancellationToken);
        }
    }
}
