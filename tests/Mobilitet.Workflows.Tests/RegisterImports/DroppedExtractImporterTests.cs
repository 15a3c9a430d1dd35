using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Tests.Workflow.Fakes;
using static Mobilitet.Workflows.Tests.Registers.Extracts;

namespace Mobilitet.Workflows.Tests.RegisterImports;

/// <summary>Files dropped in the drop folder, imported through the one importer over in-memory storage.</summary>
public sealed class DroppedExtractImporterTests
{
    private const string Aarhus = "0751";
    private const string Dropped = "incoming/0751/udtraek.csv";

    private readonly InMemoryPersonKeyIndex index = new();
    private readonly InMemoryRegisterRowStore rows = new();
    private readonly InMemoryRegisterImportLog imports = new();
    private readonly InMemoryExtractArchive archive = new();
    private readonly InMemoryExtractDropBox dropBox = new();
    private readonly string annasAgreement = AgreementIds.New();

    public DroppedExtractImporterTests()
    {
        index.AddAsync(new PersonKeyEntry(KeyOf(Anna), annasAgreement, Aarhus), CancellationToken.None).GetAwaiter().GetResult();
    }

    private DroppedExtractImporter Drops() => new(
        new ExtractImporter(Keys, index, rows, imports, archive, TimeProvider.System, NullLogger<ExtractImporter>.Instance),
        dropBox,
        NullLogger<DroppedExtractImporter>.Instance);

    private static byte[] File(params string[] lines) => Bytes(false, "\n", [ExtractParser.AmountsHeader, .. lines]);

    [Fact]
    public async Task A_dropped_file_is_imported_for_its_folders_municipality_by_the_system_actor_and_removed()
    {
        dropBox.Drop(Dropped, File(AmountLine(Anna), AmountLine(Carl)));

        var report = await Drops().ImportAsync(Dropped, CancellationToken.None);

        Assert.NotNull(report);
        Assert.Equal((2, 1, 1), (report.RowsRead, report.RowsImported, report.RowsUnmatched));
        Assert.Equal([annasAgreement], rows.Agreements);
        var import = Assert.Single(imports.All);
        Assert.Equal(ExtractUploader.DropFolderId, import.UploadedBy);
        Assert.Equal([Aarhus], import.MunicipalityCodes);
        Assert.Equal(report, archive.Reports[report.UploadId]);
        Assert.DoesNotContain(Anna, Encoding.UTF8.GetString(archive.Extracts[report.UploadId]), StringComparison.Ordinal);
        Assert.Empty(dropBox.Names);
    }

    [Fact]
    public async Task Notified_twice_the_file_is_imported_once_and_the_second_notice_finds_nothing()
    {
        dropBox.Drop(Dropped, File(AmountLine(Anna)));

        var first = await Drops().ImportAsync(Dropped, CancellationToken.None);
        var second = await Drops().ImportAsync(Dropped, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Single(imports.All);
        Assert.Single((await rows.ReadAsync(annasAgreement, CancellationToken.None)).Amounts);
    }

    [Fact]
    public async Task The_same_file_dropped_again_is_the_same_import_and_changes_nothing()
    {
        var file = File(AmountLine(Anna));
        dropBox.Drop(Dropped, file);
        var first = await Drops().ImportAsync(Dropped, CancellationToken.None);
        dropBox.Drop("incoming/0751/igen.csv", file);

        var again = await Drops().ImportAsync("incoming/0751/igen.csv", CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Single(imports.All);
        Assert.Empty(dropBox.Names);
    }

    [Fact]
    public async Task A_file_replaced_while_it_was_imported_is_not_removed_and_is_imported_next()
    {
        dropBox.Drop(Dropped, File(AmountLine(Anna, "2027-01-01", "2027-01-31")));
        dropBox.AfterRead = name => dropBox.Drop(name, File(AmountLine(Anna, "2027-02-01", "2027-02-28")));
        await Drops().ImportAsync(Dropped, CancellationToken.None);
        dropBox.AfterRead = null;

        Assert.Equal([Dropped], dropBox.Names);
        Assert.Equal(1, await Drops().ImportWaitingAsync(CancellationToken.None));
        Assert.Empty(dropBox.Names);
        Assert.Equal(2, imports.All.Count);
        Assert.Equal(2, (await rows.ReadAsync(annasAgreement, CancellationToken.None)).Amounts.Count);
    }

    [Theory]
    [InlineData("incoming/9999/udtraek.csv", DroppedExtractName.UnknownMunicipality)]
    [InlineData("incoming/udtraek.csv", DroppedExtractName.WrongFolder)]
    [InlineData("incoming/0751/udtraek.txt", DroppedExtractName.NotCsv)]
    public async Task A_file_named_against_the_convention_gets_a_refused_report_imports_nothing_and_is_removed(string name, string problem)
    {
        dropBox.Drop(name, File(AmountLine(Anna)));

        var report = await Drops().ImportAsync(name, CancellationToken.None);

        Assert.NotNull(report);
        Assert.True(report.IsRefused);
        Assert.Equal(new ExtractError(0, null, problem), Assert.Single(report.Errors));
        Assert.Equal(report, archive.Reports[report.UploadId]);
        Assert.Empty(archive.Extracts); // not read, not kept
        Assert.Empty(rows.Agreements);
        var import = Assert.Single(imports.All);
        Assert.Equal(RegisterImportStatus.Completed, import.Status);
        Assert.Empty(import.MunicipalityCodes);
        Assert.Empty(dropBox.Names);
    }

    [Fact]
    public async Task An_unreadable_file_gets_the_importers_report_and_is_removed()
    {
        dropBox.Drop(Dropped, Encoding.UTF8.GetBytes("personnummer;beløb\n0102901234;5\n"));

        var report = await Drops().ImportAsync(Dropped, CancellationToken.None);

        Assert.True(report!.IsRefused);
        Assert.Equal(1, Assert.Single(report.Errors).Line);
        Assert.Equal(report, archive.Reports[report.UploadId]);
        Assert.Empty(dropBox.Names);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_unread_with_the_apis_wording()
    {
        var line = Encoding.UTF8.GetBytes(AmountLine(Carl) + "\n");
        var file = new byte[ExtractImporter.MaxBytes + 1];
        for (var at = 0; at < file.Length; at += line.Length)
        {
            line.AsSpan(0, Math.Min(line.Length, file.Length - at)).CopyTo(file.AsSpan(at));
        }

        dropBox.Drop(Dropped, file);

        var report = await Drops().ImportAsync(Dropped, CancellationToken.None);

        Assert.True(report!.IsRefused);
        Assert.Contains("25 MB", Assert.Single(report.Errors).Message, StringComparison.Ordinal);
        Assert.Equal([Aarhus], Assert.Single(imports.All).MunicipalityCodes);
        Assert.Empty(archive.Extracts);
        Assert.Empty(dropBox.Names);
    }

    [Fact]
    public async Task Picking_up_imports_every_waiting_file_and_a_failing_one_stays_for_next_time()
    {
        dropBox.Drop(Dropped, File(AmountLine(Anna)));
        dropBox.Drop("incoming/0751/anden.csv", File(AmountLine(Carl)));
        var failing = new FailingOnce(dropBox, "incoming/0751/anden.csv");
        var drops = new DroppedExtractImporter(
            new ExtractImporter(Keys, index, rows, imports, archive, TimeProvider.System, NullLogger<ExtractImporter>.Instance),
            failing,
            NullLogger<DroppedExtractImporter>.Instance);

        Assert.Equal(1, await drops.ImportWaitingAsync(CancellationToken.None));
        Assert.Equal(["incoming/0751/anden.csv"], dropBox.Names);
        Assert.Equal(1, await drops.ImportWaitingAsync(CancellationToken.None));
        Assert.Empty(dropBox.Names);
        Assert.Equal(0, await drops.ImportWaitingAsync(CancellationToken.None));
    }

    /// <summary>The drop box as a storage outage meets one file: its first read fails.</summary>
    private sealed class FailingOnce(InMemoryExtractDropBox inner, string failing) : IExtractDropBox
    {
        private bool failed;

        public IAsyncEnumerable<string> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public Task<DroppedExtract?> ReadAsync(string name, int maxBytes, CancellationToken cancellationToken)
        {
            if (name == failing && !failed)
            {
                failed = true;
                throw new IOException("storage is down");
            }

            return inner.ReadAsync(name, maxBytes, cancellationToken);
        }

        public Task<bool> RemoveAsync(string name, string version, CancellationToken cancellationToken) => inner.RemoveAsync(name, version, cancellationToken);
    }
}
