using Microsoft.DurableTask;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Measurements;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.WellBeing;

namespace Mobilitet.Workflows.Workflow.Activities;

public sealed record MeasurementInput(string AgreementId, Milestone Milestone, DateTime At);

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
        var observed = await indicators.FindAsync(agreement, input.Milestone, CancellationToken.None);
        var values = observed?.Values;
        if (values is not null && policy.WellBeing is not null)
        {
            // The resident's own answer, when they gave one; none is missing, never low.
            values = values with { WellBeingScore = (await checkIns.FindAsync(input.AgreementId, input.Milestone, CancellationToken.None))?.Score };
        }

        var evaluation = MeasurementEvaluation.Evaluate(rule, agreement.RequireBaseline(), values, policy.WellBeing?.MinimumScore);
        var at = new DateTimeOffset(input.At, TimeSpan.Zero);

        await measurements.SaveAsync(
            new MeasurementRecord(input.AgreementId, input.Milestone, evaluation.Outcome, evaluation.Breaches, evaluation.Values, at)
            {
                Source = observed?.Provenance,
            },
            CancellationToken.None);
        var report = MeasurementReport.Of(agreement, movedOn, evaluation, observed?.Provenance, at, policy.WellBeing?.MinimumScore);
        await documents.SaveJsonAsync(input.AgreementId, DocumentNames.Measurement(input.Milestone), report, CancellationToken.None);
        await documents.SaveHtmlAsync(input.AgreementId, DocumentNames.MeasurementPage(input.Milestone), await reportPages.RenderAsync(report), CancellationToken.None);

        await agreements.UpdateAsync(
            input.AgreementId,
            at,
            current => current with { NextMilestoneAt = current.NextMilestoneAfter(input.Milestone) },
            CancellationToken.None);
        var kind = evaluation.Outcome == MeasurementOutcome.MissingData ? TimelineKind.MeasurementDataMissing : TimelineKind.MilestoneMeasured;
        await timeline.AppendAsync(
            input.AgreementId,
            new TimelineEntry(at, kind, "system", $"{input.Milestone}:{evaluation.Outcome}"),
            CancellationToken.None);
        return new MeasurementResult(evaluation.Outcome, evaluation.Breaches);
    }
}
