using Microsoft.DurableTask;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Measurements;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.WellBeing;

namespace Mobilitet.Workflows.Workflow.Activities;

/// <param name="ExtensionMonths">For an extra measurement (<see cref="Extension"/>, workflow 1.4 on): the months after the milestone; null for the milestone itself.</param>
public sealed record MeasurementInput(string AgreementId, Milestone Milestone, DateTime At, int? ExtensionMonths = null);

/// <summary>What the workflow learns from a measurement: an outcome and reason codes, no values.</summary>
public sealed record MeasurementResult(MeasurementOutcome Outcome, IReadOnlyList<Breach> Breaches);

/// <summary>
/// Fetches a milestone's indicators through the <see cref="IIndicatorSource"/> port (register data, else values
/// entered by hand), evaluates them against the agreement's pinned policy, and records the measurement with where
/// its numbers came from (row, report, timeline) and when the next milestone falls due. Measuring the same milestone again replaces its row, so a retry leaves
/// one measurement.
/// </summary>
public sealed class MeasureMilestone(
    IAgreementRepository agreements,
    IIndicatorSource indicators,
    IMeasurementRepository measurements,
    IDocumentStore documents,
    ITimeline timeline,
    ICheckInStore checkIns,
    IMeasurementReportPages reportPages) : TaskActivity<MeasurementInput, MeasurementResult>
{
    public override async Task<MeasurementResult> RunAsync(TaskActivityContext context, MeasurementInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var agreement = await agreements.FindAsync(input.AgreementId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Agreement {input.AgreementId} is not in the read model.");
        var policy = PolicyCatalog.Get(agreement.PolicyName);
        var rule = policy.RuleFor(input.Milestone);
        var movedOn = agreement.MovedOn ?? throw new InvalidOperationException($"Agreement {input.AgreementId} is measured before its move was recorded.");
        if (input.ExtensionMonths is { } months)
        {
            return await MeasureExtensionAsync(input, agreement, rule, months);
        }

        var observed = await indicators.FindAsync(agreement, input.Milestone, CancellationToken.None);
        var values = observed?.Values;
        if (values is not null && policy.WellBeing is not null)
        {
            // The resident's own answer, when they gave one; none is missing, never low.
            values = values with { WellBeingScore = (await checkIns.FindAsync(input.AgreementId, input.Milestone, CancellationToken.None))?.Score };
        }

        var evaluation = MeasurementEvaluation.Evaluate(rule, agreement.RequireBaseline(), values, policy.WellBeing?.MinimumScore);
        var at = new DateTimeOffset(input.At, TimeSpan.Zero);

        // The measurement and its report (JSON and page) are independent writes, made at once; the agreement and its
        // timeline point at them, so they follow once all three are stored. Every write replaces, so a retry is harmless.
        var report = MeasurementReport.Of(agreement, movedOn, evaluation, observed?.Provenance, at, policy.WellBeing?.MinimumScore);
        var page = await reportPages.RenderAsync(report);
        await Task.WhenAll(
            measurements.SaveAsync(
                new MeasurementRecord(input.AgreementId, input.Milestone, evaluation.Outcome, evaluation.Breaches, evaluation.Values, at)
                {
                    Source = observed?.Provenance,
                },
                CancellationToken.None),
            documents.SaveJsonAsync(input.AgreementId, DocumentNames.Measurement(input.Milestone), report, CancellationToken.None),
            documents.SaveHtmlAsync(input.AgreementId, DocumentNames.MeasurementPage(input.Milestone), page, CancellationToken.None));

        var kind = evaluation.Outcome == MeasurementOutcome.MissingData ? TimelineKind.MeasurementDataMissing : TimelineKind.MilestoneMeasured;
        await Task.WhenAll(
            agreements.UpdateAsync(
                input.AgreementId,
                at,
                current => current with { NextMilestoneAt = current.NextMilestoneAfter(input.Milestone) },
                CancellationToken.None),
            timeline.AppendStepOnceAsync(
                input.AgreementId,
                new TimelineEntry(at, kind, "system", $"{input.Milestone}:{evaluation.Outcome}"),
                CancellationToken.None));
        return new MeasurementResult(evaluation.Outcome, evaluation.Breaches);
    }

    /// <summary>
    /// An extra measurement: the milestone's thresholds over the later window, stored under its own label beside the
    /// milestone's measurement (which it never replaces), and noted on the timeline. No check-in is asked for it, and
    /// its report is the measurement row itself (the milestone's report stays the milestone's).
    /// </summary>
    private async Task<MeasurementResult> MeasureExtensionAsync(MeasurementInput input, AgreementRecord agreement, Policies.MilestoneRule rule, int months)
    {
        var observed = await indicators.FindExtensionAsync(agreement, input.Milestone, months, CancellationToken.None);
        var evaluation = MeasurementEvaluation.Evaluate(rule, agreement.RequireBaseline(), observed?.Values, minimumWellBeing: null);
        var at = new DateTimeOffset(input.At, TimeSpan.Zero);
        var record = new MeasurementRecord(input.AgreementId, input.Milestone, evaluation.Outcome, evaluation.Breaches, evaluation.Values, at)
        {
            Source = observed?.Provenance,
            ExtensionMonths = months,
        };
        await measurements.SaveAsync(record, CancellationToken.None);
        var kind = evaluation.Outcome == MeasurementOutcome.MissingData ? TimelineKind.ExtensionDataMissing : TimelineKind.ExtensionMeasured;
        await timeline.AppendStepOnceAsync(input.AgreementId, new TimelineEntry(at, kind, "system", $"{record.Label}:{evaluation.Outcome}"), CancellationToken.None);
        return new MeasurementResult(evaluation.Outcome, evaluation.Breaches);
    }
}
