using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Measurements;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Tests.Workflow;
using Mobilitet.Workflows.Tests.Workflow.Fakes;

namespace Mobilitet.Workflows.Tests.Measurements;

/// <summary>Which values a milestone is measured on: register data covering its window first, an entry by hand otherwise, and where each came from.</summary>
public sealed class MilestoneIndicatorSourceTests
{
    private static readonly DateOnly MovedOn = new(2027, 1, 31);
    private static readonly DateTimeOffset Uploaded = new(2027, 5, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Entered = new(2027, 5, 3, 9, 30, 0, TimeSpan.Zero);

    private readonly InMemoryRegisterRowStore rows = new();
    private readonly InMemoryIndicatorStore entries = new();
    private readonly AgreementRecord agreement = new()
    {
        AgreementId = AgreementIds.New(), MunicipalityCode = "0751", HousingAssociation = "brabrand", Direction = MoveDirection.Out,
        FromArea = "Gellerupparken", PlannedMoveDate = MovedOn, MovedOn = MovedOn, PolicyName = "standard-v1", Status = AgreementStatus.Monitoring,
        CreatedAt = Uploaded.AddYears(-1), LastChangedAt = Uploaded, DayLength = TimeSpan.FromDays(1), Baseline = new IndicatorValues(0.2m, 100m, 10m),
        RequestedDkk = 50_000m, SupervisorLevels = 1,
    };

    private MilestoneIndicatorSource Source => new(rows, entries, SupportCodeTable.Default);

    private static AmountRow Month(string upload, int line, DateOnly start, DateOnly end, decimal taxPaid) =>
        new(RegisterRows.Resident, new RowRef(upload, line), Uploaded, start, end, WeeksOnSupport: 0m, WeeksInPeriod: 4m, TransfersDkk: 1_000m, ServiceCostsDkk: 500m, TaxPaidDkk: taxPaid);

    /// <summary>Rows covering M3's window (31 January – 29 April 2027) exactly: three rows of 30, 29 and 30 days.</summary>
    private Task CoverM3Async(string upload = "imp-1") => rows.SaveAsync(
        agreement.AgreementId,
        [
            Month(upload, 2, new DateOnly(2027, 1, 31), new DateOnly(2027, 3, 1), 3_000m),
            Month(upload, 3, new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 30), 3_000m),
            Month(upload, 4, new DateOnly(2027, 3, 31), new DateOnly(2027, 4, 29), 3_000m),
        ],
        [],
        CancellationToken.None);

    [Fact]
    public async Task Register_rows_covering_the_window_are_measured_and_traced_to_their_upload_and_lines()
    {
        await CoverM3Async();

        var found = await Source.FindAsync(agreement, Milestone.M3, CancellationToken.None);

        // Three months of 1,500 drawn and 3,000 tax each, annualised from 3 months: × 4.
        Assert.Equal(new IndicatorValues(1m, 18_000m, 36_000m), found?.Values);
        var source = found!.Provenance;
        Assert.Equal((IndicatorOrigin.Register, MovedOn, new DateOnly(2027, 4, 30)), (source.Origin, source.WindowStart, source.WindowEnd));
        var upload = Assert.Single(source.Uploads);
        Assert.Equal(("imp-1", ExtractFormat.Amounts, "2,3,4"), (upload.UploadId, upload.Format, string.Join(',', upload.Lines)));
        Assert.Equal((SelfSufficiencySource.Amounts, 1m), (source.SelfSufficiencyFrom, source.AmountCoverage));
        Assert.Null(source.EnteredBy);
    }

    [Fact]
    public async Task Register_data_wins_over_an_entry_by_hand_for_the_same_window()
    {
        await entries.SaveAsync(agreement.AgreementId, Milestone.M3, new ManualIndicators(new IndicatorValues(0.9m, 1m, 1m), "caseworker-1", Entered), CancellationToken.None);
        await CoverM3Async();

        var found = await Source.FindAsync(agreement, Milestone.M3, CancellationToken.None);

        Assert.Equal(IndicatorOrigin.Register, found?.Provenance.Origin);
        Assert.Equal(36_000m, found?.Values.TaxPaidDkk);
    }

    [Fact]
    public async Task An_entry_by_hand_is_used_where_the_registers_do_not_cover_the_window_and_says_who_entered_it()
    {
        // Only the first of M3's three months: a third of the window, below the coverage needed.
        await rows.SaveAsync(agreement.AgreementId, [Month("imp-1", 2, new DateOnly(2027, 1, 31), new DateOnly(2027, 3, 1), 3_000m)], [], CancellationToken.None);
        await entries.SaveAsync(agreement.AgreementId, Milestone.M3, new ManualIndicators(new IndicatorValues(0.9m, 1m, 2m), "caseworker-1", Entered), CancellationToken.None);

        var found = await Source.FindAsync(agreement, Milestone.M3, CancellationToken.None);

        Assert.Equal(new IndicatorValues(0.9m, 1m, 2m), found?.Values);
        Assert.Equal((IndicatorOrigin.Manual, "caseworker-1", Entered), (found!.Provenance.Origin, found.Provenance.EnteredBy, found.Provenance.EnteredAt));
        Assert.Equal((MovedOn, new DateOnly(2027, 4, 30)), (found.Provenance.WindowStart, found.Provenance.WindowEnd));
        Assert.Empty(found.Provenance.Uploads);
    }

    [Fact]
    public async Task Rows_of_another_window_leave_the_milestone_without_data()
    {
        await CoverM3Async();

        Assert.Null(await Source.FindAsync(agreement, Milestone.M12, CancellationToken.None));
    }

    [Fact]
    public async Task An_agreement_without_a_move_has_no_window_and_no_values()
    {
        await CoverM3Async();
        await entries.SaveAsync(agreement.AgreementId, Milestone.M3, Samples.OnTrack, CancellationToken.None);

        Assert.Null(await Source.FindAsync(agreement with { MovedOn = null }, Milestone.M3, CancellationToken.None));
    }

    [Fact]
    public async Task Weekly_codes_decide_the_rate_and_name_the_support_code_table_they_were_read_with()
    {
        await CoverM3Async();
        var weeks = IndicatorWindow.For(Milestone.M3, MovedOn).Weeks();
        // On kontanthjælp ("KH") in the first 4 of the window's weeks, nothing after.
        var codes = weeks.Select((week, index) => new WeekCode(week, index < 4 ? "KH" : null)).ToList();
        await rows.SaveAsync(agreement.AgreementId, [], [new WeeklyRow(RegisterRows.Resident, new RowRef("imp-2", 5), Uploaded, codes)], CancellationToken.None);

        var found = await Source.FindAsync(agreement, Milestone.M3, CancellationToken.None);

        Assert.Equal(Math.Round((weeks.Count - 4) / (decimal)weeks.Count, 4, MidpointRounding.AwayFromZero), found?.Values.SelfSufficiencyRate);
        Assert.Equal((SelfSufficiencySource.Weeks, SupportCodeTable.DefaultVersion), (found!.Provenance.SelfSufficiencyFrom, found.Provenance.SupportCodeVersion));
        Assert.Equal([("imp-1", ExtractFormat.Amounts), ("imp-2", ExtractFormat.Weekly)], found.Provenance.Uploads.Select(upload => (upload.UploadId, upload.Format)));
    }
}
