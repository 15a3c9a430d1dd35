using Microsoft.DurableTask;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Workflow.Activities;

public sealed record ErasureInput(string AgreementId, DateTime At);

/// <summary>
/// After consent is withdrawn (GDPR art. 7(3)): erases the resident's personal data, their person key (so no
/// register import finds the agreement again) and the register rows imported for them, the indicator
/// values (the baseline too), measurement values, supervisors' notes (in the vault), documents, emails kept
/// in the outbox, and the agreement's tasks. The read-model row and the timeline (codes and roles only) stay, so the agreement
/// is still accounted for.
/// Every step deletes what is there, so running it again is harmless.
/// </summary>
public sealed class EraseAgreementData(
    IAgreementRepository agreements,
    IPersonalDataVault vault,
    IPersonKeyIndex personKeyIndex,
    IRegisterRowStore registerRows,
    IIndicatorStore indicators,
    IMeasurementRepository measurements,
    IDocumentStore documents,
    ITimeline timeline,
    ITaskBoard tasks,
    WellBeing.ICheckInStore checkIns,
    IOutbox? outbox = null) : TaskActivity<ErasureInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ErasureInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = input.AgreementId;
        var at = new DateTimeOffset(input.At, TimeSpan.Zero);
        await agreements.UpdateAsync(id, at, agreement => agreement with { Baseline = null }, CancellationToken.None);
        await vault.EraseAsync(id, CancellationToken.None);
        if (await agreements.FindAsync(id, CancellationToken.None) is { } agreement)
        {
            await personKeyIndex.RemoveAsync(agreement.MunicipalityCode, id, CancellationToken.None);
        }

        // After the index entry: an import that matched the agreement before and stores rows after this erasure finds
        // the entry gone and erases its rows itself (ExtractImporter).
        await registerRows.EraseAsync(id, CancellationToken.None);
        await indicators.EraseAsync(id, CancellationToken.None);
        await checkIns.EraseAsync(id, CancellationToken.None);
        await measurements.EraseValuesAsync(id, CancellationToken.None);
        await documents.EraseAsync(id, CancellationToken.None);
        await tasks.EraseAsync(id, CancellationToken.None);
        await tasks.RefreshAgreementAsync(agreements, id, CancellationToken.None);
        if (outbox is not null)
        {
            await outbox.EraseAsync(id, CancellationToken.None);
        }

        await timeline.AppendStepOnceAsync(id, new TimelineEntry(at, TimelineKind.PersonalDataErased, "system"), CancellationToken.None);
        return true;
    }
}
