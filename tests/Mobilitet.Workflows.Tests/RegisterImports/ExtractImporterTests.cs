using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Tests.Registers;
using Mobilitet.Workflows.Tests.Workflow.Fakes;
using static Mobilitet.Workflows.Tests.Registers.Extracts;

namespace Mobilitet.Workflows.Tests.RegisterImports;

/// <summary>The importer over in-memory storage: who is matched, what is stored and counted, and what a repeat does.</summary>
public sealed class ExtractImporterTests
{
    private const string Aarhus = "0751";
    private const string Odense = "0461";

    private readonly InMemoryPersonKeyIndex index = new();
    private readonly InMemoryRegisterRowStore rows = new();
    private readonly InMemoryRegisterImportLog imports = new();
    private readonly InMemoryExtractArchive archive = new();
    private readonly SettableClock clock = new(new DateTimeOffset(2027, 6, 1, 8, 0, 0, TimeSpan.Zero));

    private readonly string annasAgreement = AgreementIds.New();
    private readonly string bosAgreement = AgreementIds.New();

    public ExtractImporterTests()
    {
        // Anna has an agreement in Aarhus, Bo in Odense; Carl has none.
        index.AddAsync(new PersonKeyEntry(KeyOf(Anna), annasAgreement, Aarhus), CancellationToken.None).GetAwaiter().GetResult();
        index.AddAsync(new PersonKeyEntry(KeyOf(Bo), bosAgreement, Odense), CancellationToken.None).GetAwaiter().GetResult();
    }

    private static ExtractUploader HoldingAarhus { get; } = new("monitoring-1", new HashSet<string>(StringComparer.Ordinal) { Aarhus });

    private ExtractImporter Importer(IPersonKeyIndex? personKeyIndex = null) =>
        new(Keys, personKeyIndex ?? index, rows, imports, archive, clock, NullLogger<ExtractImporter>.Instance);

    private static byte[] AmountsFile(params string[] lines) => Bytes(false, "\n", [ExtractParser.AmountsHeader, .. lines]);

    private Task<ExtractImportReport> ImportAsync(byte[] file, ExtractUploader? uploader = null) =>
        Importer().ImportAsync(file, uploader ?? HoldingAarhus, CancellationToken.None);

    [Fact]
    public async Task Rows_of_agreements_in_the_uploaders_municipalities_are_stored_and_everybody_elses_are_unmatched()
    {
        var file = AmountsFile(
            AmountLine(Anna, "2027-01-01", "2027-01-31"),
            AmountLine(Anna, "2027-02-01", "2027-02-28"),
            AmountLine(Bo), // an agreement, but in Odense
            AmountLine(Carl)); // no agreement

        var report = await ImportAsync(file);

        Assert.Equal((4, 2, 2), (report.RowsRead, report.RowsImported, report.RowsUnmatched));
        Assert.Empty(report.Errors);
        Assert.Equal(ExtractFormat.Amounts, report.Format);
        Assert.Equal([annasAgreement], rows.Agreements);
        var stored = await rows.ReadAsync(annasAgreement, CancellationToken.None);
        Assert.Equal([2, 3], stored.Amounts.Select(row => row.Source.Line));
        Assert.All(stored.Amounts, row => Assert.Equal(report.UploadId, row.Source.UploadId));
        Assert.True((await rows.ReadAsync(bosAgreement, CancellationToken.None)).IsEmpty);
    }

    [Fact]
    public async Task The_other_municipality_is_matched_once_the_uploader_holds_it_too()
    {
        var file = AmountsFile(AmountLine(Anna), AmountLine(Bo), AmountLine(Carl));
        var both = new ExtractUploader("admin-1", new HashSet<string>(StringComparer.Ordinal) { Aarhus, Odense });

        var report = await ImportAsync(file, both);

        Assert.Equal((3, 2, 1), (report.RowsRead, report.RowsImported, report.RowsUnmatched));
        Assert.Equal(new HashSet<string> { annasAgreement, bosAgreement }, rows.Agreements);
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_line_and_field_while_the_good_rows_around_them_are_imported()
    {
        var file = AmountsFile(
            AmountLine(Anna, "2027-01-01", "2027-01-31"),
            AmountLine(Anna, "2027-02-01", "2027-02-28", taxPaid: "12.345,00"),
            AmountLine("0113901234"),
            AmountLine(Anna, "2027-03-01", "2027-03-31"),
            AmountLine(Carl, "2027-03-01", "2027-02-01"));

        var report = await ImportAsync(file);

        Assert.Equal((5, 2, 0), (report.RowsRead, report.RowsImported, report.RowsUnmatched));
        Assert.Equal([(3, "taxPaidDkk"), (4, "cpr"), (6, "periodEnd")], report.Errors.Select(error => (error.Line, error.Field)));
        Assert.All(report.Errors, error => Assert.False(string.IsNullOrWhiteSpace(error.Message)));
        Assert.Equal([2, 5], (await rows.ReadAsync(annasAgreement, CancellationToken.None)).Amounts.Select(row => row.Source.Line));
    }

    [Fact]
    public async Task Importing_the_same_file_again_answers_the_same_report_and_changes_nothing()
    {
        var file = AmountsFile(AmountLine(Anna), AmountLine(Carl), AmountLine("3213901234"));
        var first = await ImportAsync(file);
        var saves = rows.Saves;
        var stored = rows.Stored(annasAgreement);

        clock.Now = clock.Now.AddDays(3);
        var again = await ImportAsync(file);

        Assert.Equal(first.UploadId, again.UploadId);
        Assert.Equal((first.RowsRead, first.RowsImported, first.RowsUnmatched), (again.RowsRead, again.RowsImported, again.RowsUnmatched));
        Assert.Equal(first.Errors, again.Errors);
        Assert.Equal(saves, rows.Saves);
        Assert.Equal(stored.Amounts, rows.Stored(annasAgreement).Amounts);
        var record = Assert.Single(imports.All);
        Assert.Equal((RegisterImportStatus.Completed, 3, 1, 1, 1), (record.Status, record.RowsRead, record.RowsImported, record.RowsUnmatched, record.ErrorCount));
        Assert.Single(archive.Extracts);
        Assert.Single(archive.Reports);
    }

    [Fact]
    public async Task An_attempt_that_died_before_completing_is_done_again_with_the_first_attempts_instant()
    {
        var file = AmountsFile(AmountLine(Anna));
        var firstInstant = clock.Now;
        var started = await imports.StartAsync(
            new RegisterImport(RegisterImport.IdFor(ExtractContentHash.Compute(file), [Aarhus]), ExtractContentHash.Compute(file), [Aarhus], firstInstant, "monitoring-1"),
            CancellationToken.None);

        clock.Now = clock.Now.AddHours(1);
        var report = await ImportAsync(file);

        Assert.Equal(started.ImportId, report.UploadId);
        Assert.Equal(1, report.RowsImported);
        Assert.Equal(firstInstant, Assert.Single((await rows.ReadAsync(annasAgreement, CancellationToken.None)).Amounts).UploadedAt);
        Assert.Equal(RegisterImportStatus.Completed, Assert.Single(imports.All).Status);
    }

    [Fact]
    public async Task A_newer_upload_overrides_the_rows_of_an_older_one_for_the_same_person_and_days()
    {
        await ImportAsync(AmountsFile(
            AmountLine(Anna, "2027-01-01", "2027-01-31", taxPaid: "100"),
            AmountLine(Anna, "2027-02-01", "2027-02-28", taxPaid: "200")));
        clock.Now = clock.Now.AddDays(30);

        var corrected = await ImportAsync(AmountsFile(AmountLine(Anna, "2027-01-01", "2027-01-31", taxPaid: "150")));

        var stored = await rows.ReadAsync(annasAgreement, CancellationToken.None);
        Assert.Equal([150m, 200m], stored.Amounts.Select(row => row.TaxPaidDkk));
        Assert.Equal(corrected.UploadId, stored.Amounts[0].Source.UploadId);
        Assert.Equal(3, rows.Stored(annasAgreement).Amounts.Count); // both uploads are kept; the rule decides on read
    }

    [Fact]
    public async Task Weekly_rows_are_matched_and_stored_and_their_weeks_resolved_by_upload()
    {
        await ImportAsync(Bytes(false, "\n", "cpr;y_2701;y_2702;y_2703", $"{Anna};KH;KH;", $"{Carl};;;"));
        clock.Now = clock.Now.AddDays(7);
        var report = await ImportAsync(Bytes(false, "\n", "cpr;y_2702", $"{Anna};"));

        Assert.Equal((ExtractFormat.Weekly, 1, 1, 0), (report.Format, report.RowsRead, report.RowsImported, report.RowsUnmatched));
        var weeks = (await rows.ReadAsync(annasAgreement, CancellationToken.None)).Weeks(SupportCodeTable.Default);
        Assert.Equal([(1, true), (2, false), (3, false)], weeks.Select(week => (week.Week.Week, week.OnSupport)));
    }

    [Fact]
    public async Task A_person_with_two_agreements_in_the_uploaders_municipalities_gets_the_rows_under_each_counted_once()
    {
        var second = AgreementIds.New();
        await index.AddAsync(new PersonKeyEntry(KeyOf(Anna), second, Aarhus), CancellationToken.None);

        var report = await ImportAsync(AmountsFile(AmountLine(Anna)));

        Assert.Equal((1, 1, 0), (report.RowsRead, report.RowsImported, report.RowsUnmatched));
        Assert.Equal(new HashSet<string> { annasAgreement, second }, rows.Agreements);
    }

    [Fact]
    public async Task An_agreement_erased_while_its_rows_were_stored_gets_none_and_its_rows_count_as_unmatched()
    {
        var erasing = new ErasingAfterListing(index, annasAgreement);

        var report = await Importer(erasing).ImportAsync(AmountsFile(AmountLine(Anna)), HoldingAarhus, CancellationToken.None);

        Assert.Equal((1, 0, 1), (report.RowsRead, report.RowsImported, report.RowsUnmatched));
        Assert.True((await rows.ReadAsync(annasAgreement, CancellationToken.None)).IsEmpty);
    }

    [Fact]
    public async Task A_file_with_an_unknown_header_is_refused_reported_on_line_1_and_not_kept()
    {
        var file = Bytes(false, "\n", $"{Anna};2027-01-01;2027-01-31;0;4;0;0;100", AmountLine(Anna));

        var report = await ImportAsync(file);

        Assert.True(report.IsRefused);
        Assert.Equal((ExtractFormat.Unknown, 0, 0, 0), (report.Format, report.RowsRead, report.RowsImported, report.RowsUnmatched));
        Assert.Equal(1, Assert.Single(report.Errors).Line);
        Assert.Empty(rows.Agreements);
        Assert.Empty(archive.Extracts);
        Assert.Equal(report, archive.Reports[report.UploadId]);
    }

    [Fact]
    public async Task The_kept_file_has_its_cpr_numbers_masked_and_the_report_beside_it()
    {
        var file = AmountsFile(AmountLine(Anna), AmountLine("150385-1111"));

        var report = await ImportAsync(file);

        var kept = Encoding.UTF8.GetString(archive.Extracts[report.UploadId]);
        Assert.Equal(Encoding.UTF8.GetString(file).Length, kept.Length);
        Assert.DoesNotContain(Anna, kept, StringComparison.Ordinal);
        Assert.DoesNotContain("150385", kept, StringComparison.Ordinal);
        Assert.StartsWith(ExtractParser.AmountsHeader + "\n**********;2027-01-01", kept, StringComparison.Ordinal);
        Assert.Same(report, archive.Reports[report.UploadId]);
    }

    [Fact]
    public async Task The_same_file_for_other_municipalities_is_another_import_that_may_match_more()
    {
        var file = AmountsFile(AmountLine(Anna), AmountLine(Bo));
        var aarhus = await ImportAsync(file);

        var odense = await ImportAsync(file, new ExtractUploader("monitoring-2", new HashSet<string>(StringComparer.Ordinal) { Odense }));

        Assert.NotEqual(aarhus.UploadId, odense.UploadId);
        Assert.Equal((1, 1), (odense.RowsImported, odense.RowsUnmatched));
        Assert.Single((await rows.ReadAsync(bosAgreement, CancellationToken.None)).Amounts);
        Assert.Equal(2, imports.All.Count);
    }

    [Fact]
    public async Task Only_the_uploaders_municipalities_are_read_from_the_index()
    {
        await ImportAsync(AmountsFile(AmountLine(Anna)));

        Assert.Equal(1, index.Lists);
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The index as a withdrawal meets it: the agreement is listed, then erased before the import looks again.</summary>
    private sealed class ErasingAfterListing(InMemoryPersonKeyIndex inner, string erased) : IPersonKeyIndex
    {
        public Task AddAsync(PersonKeyEntry entry, CancellationToken cancellationToken) => inner.AddAsync(entry, cancellationToken);

        public async Task<IReadOnlyList<PersonKeyEntry>> ListAsync(string municipalityCode, CancellationToken cancellationToken)
        {
            var entries = await inner.ListAsync(municipalityCode, cancellationToken);
            if (entries.FirstOrDefault(entry => entry.AgreementId == erased) is { } entry)
            {
                await inner.RemoveAsync(entry.MunicipalityCode, erased, cancellationToken);
            }

            return entries;
        }

        public Task<bool> ContainsAsync(string municipalityCode, string agreementId, CancellationToken cancellationToken) => inner.ContainsAsync(municipalityCode, agreementId, cancellationToken);

        public Task RemoveAsync(string municipalityCode, string agreementId, CancellationToken cancellationToken) => inner.RemoveAsync(municipalityCode, agreementId, cancellationToken);

        public Task RemoveWhereverAsync(string agreementId, CancellationToken cancellationToken) => inner.RemoveWhereverAsync(agreementId, cancellationToken);
    }
}
