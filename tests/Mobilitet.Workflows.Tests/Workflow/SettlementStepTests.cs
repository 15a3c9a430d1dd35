using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Tests.Workflow;

/// <summary>
/// Workflow 1.5 settles the financing as an agreement ends after its move: at completion, or early at a cancellation or a
/// withdrawal, on what was measured. Days last an hour (no timer fires); a move long ago makes the milestones due at once.
/// The figures are worked out by hand from <see cref="Samples"/>: the baseline's net contribution is 30 000 − 200 000 =
/// −170 000 kr. a year and an on-track milestone's 60 000 − 150 000 = −90 000 kr., so every on-track year gains 80 000 kr.
/// </summary>
public sealed class SettlementStepTests(WorkflowEngine engine) : IClassFixture<WorkflowEngine>
{
    private static DateOnly MovedMonthsAgo(int months) => WorkflowEngine.Today.AddMonths(-months);

    private Func<string, Task> Financed(decimal approvedDkk, string? instrument = null) => id => engine.FinancedAsync(id, approvedDkk, instrument);

    [Fact]
    public async Task A_completed_agreement_is_settled_on_its_36_months_before_the_completion_email_and_the_report_is_kept()
    {
        // Outcome contract, 150 000 kr.: 36 months on track realise 80 000 × (3 + 9 + 12 + 12) / 12 = 240 000 kr.; the investor gets
        // 50 % of the gain above 1 × the amount, 0.5 × (240 000 − 150 000) = 45 000 kr. (under the cap of 1.3 × 150 000), and loses 105 000 kr.
        var id = await engine.StartMonitoringAsync(
            Days.TimersCannotFire, Milestone.M3, MovedMonthsAgo(36), onTrack: Milestones.InOrder, beforeStart: Financed(150_000m, "outcome-contract-v1"));

        await engine.WaitForStatusAsync(id, AgreementStatus.Completed);

        var kinds = await engine.KindsAsync(id);
        Assert.Equal([TimelineKind.FinancingSettled, TimelineKind.EmailSent, TimelineKind.AgreementCompleted], kinds.TakeLast(3));
        Assert.Equal(SettlementReport.TimelineDetail(36), (await engine.Timeline.ReadAsync(id, CancellationToken.None)).Single(entry => entry.Kind == TimelineKind.FinancingSettled).Detail);

        var report = await engine.Documents.ReadJsonAsync<SettlementReport>(id, DocumentNames.Settlement, CancellationToken.None);
        Assert.NotNull(report);
        Assert.Equal(AgreementStatus.Completed, report.EndedAs);
        Assert.Equal("outcome-contract-v1", report.Instrument.Name);
        Assert.Equal(MovedMonthsAgo(36), report.MovedOn);
        Assert.Equal([(0, 3, 20_000m), (3, 12, 60_000m), (12, 24, 80_000m), (24, 36, 80_000m)], report.Settlement.Periods.Select(period => (period.FromMonth, period.ToMonth, period.GainDkk)));
        Assert.Equal(-170_000m, report.Settlement.BaselineNetContributionDkk);
        Assert.Equal(240_000m, report.Settlement.RealisedGainDkk);
        Assert.Equal(45_000m, report.Settlement.OutcomePaymentDkk);
        Assert.Equal(105_000m, report.Settlement.WrittenOffDkk);

        var html = await engine.Documents.ReadHtmlAsync(id, DocumentNames.SettlementPage, CancellationToken.None);
        Assert.NotNull(html);
        Assert.Contains("<html lang=\"da\">", html, StringComparison.Ordinal);
        Assert.Contains("240.000 kr.", html, StringComparison.Ordinal);
        Assert.Contains("45.000 kr.", html, StringComparison.Ordinal);

        var settled = (await engine.AgreementAsync(id)).Settlement;
        Assert.Equal(new SettlementSummary(36, 240_000m, 45_000m, 105_000m, report.SettledAt), settled);
    }

    [Fact]
    public async Task An_agreement_cancelled_after_M3_is_settled_early_on_its_first_three_months()
    {
        // A grant of 50 000 kr.: M3 realises 80 000 × 3/12 = 20 000 kr., so 30 000 kr. is written off; a grant pays no outcome payment.
        var id = await engine.StartMonitoringAsync(Days.TimersCannotFire, Milestone.M3, MovedMonthsAgo(4), onTrack: [Milestone.M3], beforeStart: Financed(50_000m, "municipal-fund-v2"));
        await engine.WaitForTimelineAsync(id, TimelineKind.MilestoneMeasured, "M3:OnTrack");
        await engine.WaitForCheckpointAsync(id, checkpoint => checkpoint.Milestone == Milestone.M12, "the M12 generation");

        await engine.RaiseAsync(id, new StopRequested(StopKind.Cancel, "caseworker"));
        var agreement = await engine.WaitForStatusAsync(id, AgreementStatus.Cancelled);

        Assert.Equal(new SettlementSummary(3, 20_000m, 0m, 30_000m, agreement.Settlement!.SettledAt), agreement.Settlement);
        var report = await engine.Documents.ReadJsonAsync<SettlementReport>(id, DocumentNames.Settlement, CancellationToken.None);
        Assert.Equal(AgreementStatus.Cancelled, report!.EndedAs);
        Assert.False(report.Settlement.Complete);
        var kinds = (await engine.KindsAsync(id)).ToList();
        Assert.True(kinds.IndexOf(TimelineKind.FinancingSettled) < kinds.IndexOf(TimelineKind.AgreementCancelled));
    }

    [Fact]
    public async Task A_withdrawal_after_the_move_is_settled_before_the_erasure_which_keeps_the_amounts_and_erases_the_report()
    {
        var id = await engine.StartMonitoringAsync(Days.TimersCannotFire, Milestone.M3, MovedMonthsAgo(4), onTrack: [Milestone.M3], beforeStart: Financed(50_000m, "municipal-fund-v2"));
        await engine.WaitForTimelineAsync(id, TimelineKind.MilestoneMeasured, "M3:OnTrack");

        await engine.RaiseAsync(id, new StopRequested(StopKind.WithdrawConsent, "caseworker"));
        await engine.WaitForTimelineAsync(id, TimelineKind.PersonalDataErased);

        var agreement = await engine.AgreementAsync(id);
        Assert.Equal(AgreementStatus.ConsentWithdrawn, agreement.Status);
        Assert.Null(agreement.Baseline);
        Assert.Equal((3, 20_000m, 30_000m), (agreement.Settlement!.MonthsSettled, agreement.Settlement.RealisedGainDkk, agreement.Settlement.WrittenOffDkk));
        Assert.Null(await engine.Documents.ReadJsonAsync<SettlementReport>(id, DocumentNames.Settlement, CancellationToken.None));
        var kinds = (await engine.KindsAsync(id)).ToList();
        Assert.True(kinds.IndexOf(TimelineKind.FinancingSettled) < kinds.IndexOf(TimelineKind.ConsentWithdrawn));
    }

    [Fact]
    public async Task An_agreement_the_instrument_never_paid_ends_without_a_settlement()
    {
        // Stored without an approval: nothing was paid, so there is nothing to settle.
        var id = await engine.StartMonitoringAsync(Days.TimersCannotFire, Milestone.M36, MovedMonthsAgo(36), onTrack: [Milestone.M36]);

        await engine.WaitForStatusAsync(id, AgreementStatus.Completed);

        Assert.DoesNotContain(TimelineKind.FinancingSettled, await engine.KindsAsync(id));
        Assert.Null((await engine.AgreementAsync(id)).Settlement);
        Assert.Null(await engine.Documents.ReadJsonAsync<SettlementReport>(id, DocumentNames.Settlement, CancellationToken.None));
    }

    [Fact]
    public async Task An_agreement_started_on_1_4_completes_as_its_history_holds_without_a_settlement()
    {
        var id = await engine.StartMonitoringAsync(
            Days.TimersCannotFire, Milestone.M36, MovedMonthsAgo(36), onTrack: [Milestone.M36], version: WorkflowVersions.ActedDecisions, beforeStart: Financed(50_000m));

        await engine.WaitForStatusAsync(id, AgreementStatus.Completed);

        Assert.DoesNotContain(TimelineKind.FinancingSettled, await engine.KindsAsync(id));
        Assert.Null((await engine.AgreementAsync(id)).Settlement);
    }
}
