using Microsoft.DurableTask;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Workflow.Activities;

/// <param name="EndsAs">The status the agreement is about to end with (the report says how it ended).</param>
public sealed record SettlementInput(string AgreementId, DateTime At, AgreementStatus EndsAs);

/// <summary>
/// Settles an agreement's financing as it ends after the move (workflow 1.5 on): the gains realised in the measured windows
/// against the baseline (<see cref="Settlement.Compute"/>, which also states the early-end rule), under the instrument the
/// agreement is pinned to. Keeps the report (JSON and a Danish HTML page), the summary on the read model and a timeline entry.
/// An agreement the instrument never paid (no approval, or no move) has nothing to settle. Running it again writes the same.
/// </summary>
public sealed class SettleFinancing(
    IAgreementRepository agreements,
    IMeasurementRepository measurements,
    IDocumentStore documents,
    ISettlementReportPages reportPages,
    ITimeline timeline) : TaskActivity<SettlementInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, SettlementInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var agreement = await agreements.FindAsync(input.AgreementId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Agreement {input.AgreementId} is not in the read model.");
        if (!agreement.IsPaid() || agreement.Baseline is not { } baseline)
        {
            return false;
        }

        // The milestones' own measurements; an extra measurement (an extension) checks on the resident but settles nothing.
        var measured = (await measurements.ListAsync(input.AgreementId, CancellationToken.None))
            .Where(measurement => measurement.Values is not null && measurement.ExtensionMonths is null)
            .ToDictionary(measurement => measurement.Milestone, measurement => measurement.Values!);
        var settlement = Settlement.Compute(agreement.Instrument(), agreement.CommittedDkk(), baseline, measured);
        var at = new DateTimeOffset(input.At, TimeSpan.Zero);
        var report = SettlementReport.Of(agreement, settlement, input.EndsAs, at);

        await documents.SaveJsonAsync(input.AgreementId, DocumentNames.Settlement, report, CancellationToken.None);
        await documents.SaveHtmlAsync(input.AgreementId, DocumentNames.SettlementPage, await reportPages.RenderAsync(report), CancellationToken.None);
        await agreements.UpdateAsync(input.AgreementId, at, current => current with { Settlement = SettlementSummary.Of(settlement, at) }, CancellationToken.None);
        await timeline.AppendStepOnceAsync(
            input.AgreementId,
            new TimelineEntry(at, TimelineKind.FinancingSettled, Actors.System, SettlementReport.TimelineDetail(settlement.MonthsSettled)),
            CancellationToken.None);
        return true;
    }
}
