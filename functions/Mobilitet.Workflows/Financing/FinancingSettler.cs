using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Workflows.Financing;

/// <summary>
/// Settles an agreement's financing as it ends after the move: the gains realised in the measured windows against the
/// baseline (<see cref="Settlement.Compute"/>, which also states the early-end rule), under the instrument the agreement is
/// pinned to. Keeps the report (JSON and a Danish HTML page), the summary on the read model and a timeline entry.
/// An agreement the instrument never paid (no approval, or no move) has nothing to settle. Running it again writes the same.
/// One settlement for both ways an agreement ends: by its workflow (<see cref="Workflow.Activities.SettleFinancing"/>) and
/// by an operator who terminates it.
/// </summary>
public sealed class FinancingSettler(
    IAgreementRepository agreements,
    IMeasurementRepository measurements,
    IDocumentStore documents,
    ISettlementReportPages reportPages,
    ITimeline timeline)
{
    /// <param name="endsAs">The status the agreement ends with (the report says how it ended).</param>
    /// <returns>Whether there was anything to settle.</returns>
    public async Task<bool> SettleAsync(string agreementId, DateTimeOffset at, AgreementStatus endsAs, CancellationToken cancellationToken)
    {
        var agreement = await agreements.FindAsync(agreementId, cancellationToken)
            ?? throw new InvalidOperationException($"Agreement {agreementId} is not in the read model.");
        if (!agreement.IsPaid() || agreement.Baseline is not { } baseline)
        {
            return false;
        }

        // The milestones' own measurements; an extra measurement (an extension) checks on the resident but settles nothing.
        var measured = (await measurements.ListAsync(agreementId, cancellationToken))
            .Where(measurement => measurement.Values is not null && measurement.ExtensionMonths is null)
            .ToDictionary(measurement => measurement.Milestone, measurement => measurement.Values!);
        var settlement = Settlement.Compute(agreement.Instrument(), agreement.CommittedDkk(), baseline, measured);
        var report = SettlementReport.Of(agreement, settlement, endsAs, at);

        await documents.SaveJsonAsync(agreementId, DocumentNames.Settlement, report, cancellationToken);
        await documents.SaveHtmlAsync(agreementId, DocumentNames.SettlementPage, await reportPages.RenderAsync(report), cancellationToken);
        await agreements.UpdateAsync(agreementId, at, current => current with { Settlement = SettlementSummary.Of(settlement, at) }, cancellationToken);
        await timeline.AppendStepOnceAsync(
            agreementId,
            new TimelineEntry(at, TimelineKind.FinancingSettled, Actors.System, SettlementReport.TimelineDetail(settlement.MonthsSettled)),
            cancellationToken);
        return true;
    }
}
