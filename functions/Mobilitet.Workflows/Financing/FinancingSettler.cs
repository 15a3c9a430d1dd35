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
        // Both reads at once; the measurements are moot only for an agreement the instrument never paid.
        var found = agreements.FindAsync(agreementId, cancellationToken);
        var listed = measurements.ListAsync(agreementId, cancellationToken);
        await Task.WhenAll(found, listed);
        var agreement = await found
            ?? throw new InvalidOperationException($"Agreement {agreementId} is not in the read model.");
        if (!agreement.IsPaid() || agreement.Baseline is not { } baseline)
        {
            return false;
        }

        var settlement = Settlement.Compute(agreement.Instrument(), agreement.CommittedDkk(), baseline, Settlement.MilestoneValues(await listed));
        var report = SettlementReport.Of(agreement, settlement, endsAs, at);

        // The report's two forms at once; then the summary and the timeline entry, which point at the report, at once.
        var page = await reportPages.RenderAsync(report);
        await Task.WhenAll(
            documents.SaveJsonAsync(agreementId, DocumentNames.Settlement, report, cancellationToken),
            documents.SaveHtmlAsync(agreementId, DocumentNames.SettlementPage, page, cancellationToken));
        await Task.WhenAll(
            agreements.UpdateAsync(agreementId, at, current => current with { Settlement = SettlementSummary.Of(settlement, at) }, cancellationToken),
            timeline.AppendStepOnceAsync(
                agreementId,
                new TimelineEntry(at, TimelineKind.FinancingSettled, Actors.System, SettlementReport.TimelineDetail(settlement.MonthsSettled)),
                cancellationToken));
        return true;
    }
}
