using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.RegisterImports;

/// <summary>
/// Imports a register extract, whatever brought it (an HTTP upload, the upload page, a file dropped in Blob storage:
/// <see cref="DroppedExtractImporter"/>):
/// <list type="number">
/// <item>The same bytes for the same municipalities are one import (<see cref="RegisterImport"/>): once completed,
/// a repeat answers the kept report and changes nothing.</item>
/// <item>The file is parsed (<see cref="ExtractParser"/>); CPR numbers become person keys as each line is read. A
/// readable file is kept with its CPR numbers masked (<see cref="ExtractRedaction"/>); one whose header is unknown is
/// not kept, as it may be anything (another encoding, whose digits the masking would not see).</item>
/// <item>Each row's person key is looked up among the agreements of the uploader's municipalities only
/// (<see cref="IPersonKeyIndex"/>). Rows of persons without one there are counted as unmatched and dropped: an
/// agreement in another municipality is neither found nor revealed. A person with several agreements there gets
/// the rows under each.</item>
/// <item>Rows are stored per agreement (<see cref="IRegisterRowStore"/>). An agreement whose entry is gone once its
/// rows are written was erased meanwhile: its rows are erased again and count as unmatched.</item>
/// <item>The report is kept beside the file and the import recorded as completed.</item>
/// </list>
/// Nothing it logs or throws holds a CPR number or a person key.
/// </summary>
public sealed partial class ExtractImporter(
    PersonKeys personKeys,
    IPersonKeyIndex index,
    IRegisterRowStore rows,
    IRegisterImportLog imports,
    IExtractArchive archive,
    TimeProvider time,
    ILogger<ExtractImporter> logger)
{
    /// <summary>Agreements (or municipalities) read or written at once: storage round trips overlap without flooding the account.</summary>
    public const int Parallelism = 8;

    /// <summary>
    /// The largest extract imported, whatever brings it (25 MB: below Kestrel's default request limit of about 28.6 MB,
    /// so an HTTP upload's refusal is ours and Danish). Larger files are refused with a report.
    /// </summary>
    public const int MaxBytes = 25 * 1024 * 1024;

    public async Task<ExtractImportReport> ImportAsync(ReadOnlyMemory<byte> content, ExtractUploader uploader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploader);
        var municipalities = uploader.MunicipalityCodes.Order(StringComparer.Ordinal).ToList();
        var contentHash = ExtractContentHash.Compute(content.Span);
        var import = await imports.StartAsync(
            new RegisterImport(RegisterImport.IdFor(contentHash, municipalities), contentHash, municipalities, time.GetUtcNow(), uploader.UserId),
            cancellationToken).ConfigureAwait(false);
        if (import.Status == RegisterImportStatus.Completed
            && await archive.FindReportAsync(import.ImportId, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            LogRepeated(import.ImportId);
            return earlier;
        }

        var parsed = Parse(content, new ExtractUpload(import.ImportId, import.UploadedAt));
        if (parsed.Format != ExtractFormat.Unknown)
        {
            await archive.SaveExtractAsync(import.ImportId, ExtractRedaction.MaskCprNumbers(content.Span), cancellationToken).ConfigureAwait(false);
        }

        var agreementsOf = await AgreementsByPersonAsync(municipalities, cancellationToken).ConfigureAwait(false);
        var amountsOf = parsed.AmountRows.ToLookup(row => row.Person);
        var weeklyOf = parsed.WeeklyRows.ToLookup(row => row.Person);
        var persons = amountsOf.Select(group => group.Key).Concat(weeklyOf.Select(group => group.Key)).Distinct().ToList();

        var erasedMeanwhile = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var targets = persons
            .Where(agreementsOf.ContainsKey)
            .SelectMany(person => agreementsOf[person].Select(entry => (Entry: entry, Person: person)))
            .ToList();
        await Parallel.ForEachAsync(
            targets,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (target, token) =>
            {
                var (entry, person) = target;
                await rows.SaveAsync(entry.AgreementId, [.. amountsOf[person]], [.. weeklyOf[person]], token).ConfigureAwait(false);
                if (!await index.ContainsAsync(entry.MunicipalityCode, entry.AgreementId, token).ConfigureAwait(false))
                {
                    // Erased (consent withdrawn) after it was matched: its register data must not come back.
                    await rows.EraseAsync(entry.AgreementId, token).ConfigureAwait(false);
                    erasedMeanwhile[entry.AgreementId] = true;
                }
            }).ConfigureAwait(false);

        var stored = targets.Where(target => !erasedMeanwhile.ContainsKey(target.Entry.AgreementId)).Select(target => target.Person).ToHashSet();
        var rowsImported = persons.Where(stored.Contains).Sum(person => amountsOf[person].Count() + weeklyOf[person].Count());
        var report = new ExtractImportReport(
            import.ImportId, parsed.Format, parsed.RowsRead, rowsImported, parsed.RowsAccepted - rowsImported, parsed.Errors)
        {
            Agreements = targets.Select(target => target.Entry.AgreementId).Where(id => !erasedMeanwhile.ContainsKey(id)).Distinct().Order(StringComparer.Ordinal).ToList(),
        };

        await archive.SaveReportAsync(import.ImportId, report, cancellationToken).ConfigureAwait(false);
        await imports.CompleteAsync(import.CompletedWith(report), cancellationToken).ConfigureAwait(false);
        LogImported(import.ImportId, report.Format, report.RowsRead, report.RowsImported, targets.Count - erasedMeanwhile.Count, report.RowsUnmatched, report.Errors.Count);
        return report;
    }

    /// <summary>
    /// Records a file that is not read at all — for a reason outside it, such as a dropped file's name or size
    /// (<see cref="DroppedExtractImporter"/>) — as an import with a refused report: kept, listed and answered like any
    /// other, so no file is silently ignored. The file itself is not kept. The same file refused for the same
    /// uploader's municipalities again answers the first report.
    /// </summary>
    /// <param name="contentHash">The file's <see cref="ExtractContentHash"/>: what makes a repeat the same import.</param>
    /// <param name="reason">Why the file is not read; <see cref="ExtractError.Line"/> 0 means the file as a whole.</param>
    public async Task<ExtractImportReport> RefuseAsync(string contentHash, ExtractUploader uploader, ExtractError reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentHash);
        ArgumentNullException.ThrowIfNull(uploader);
        ArgumentNullException.ThrowIfNull(reason);
        var municipalities = uploader.MunicipalityCodes.Order(StringComparer.Ordinal).ToList();
        var import = await imports.StartAsync(
            new RegisterImport(RegisterImport.IdFor(contentHash, municipalities), contentHash, municipalities, time.GetUtcNow(), uploader.UserId),
            cancellationToken).ConfigureAwait(false);
        if (import.Status == RegisterImportStatus.Completed
            && await archive.FindReportAsync(import.ImportId, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            LogRepeated(import.ImportId);
            return earlier;
        }

        var report = new ExtractImportReport(import.ImportId, ExtractFormat.Unknown, 0, 0, 0, [reason]);
        await archive.SaveReportAsync(import.ImportId, report, cancellationToken).ConfigureAwait(false);
        await imports.CompleteAsync(import.CompletedWith(report), cancellationToken).ConfigureAwait(false);
        LogRefused(import.ImportId);
        return report;
    }

    private ExtractParseReport Parse(ReadOnlyMemory<byte> content, ExtractUpload upload)
    {
        using var stream = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        return ExtractParser.Parse(stream, upload, personKeys);
    }

    private async Task<Dictionary<PersonKey, List<PersonKeyEntry>>> AgreementsByPersonAsync(IReadOnlyList<string> municipalities, CancellationToken cancellationToken)
    {
        var entries = new ConcurrentBag<PersonKeyEntry>();
        await Parallel.ForEachAsync(
            municipalities,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (municipality, token) =>
            {
                foreach (var entry in await index.ListAsync(municipality, token).ConfigureAwait(false))
                {
                    entries.Add(entry);
                }
            }).ConfigureAwait(false);
        return entries.GroupBy(entry => entry.Person).ToDictionary(group => group.Key, group => group.ToList());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Register extract {ImportId} was imported before; its report is answered again")]
    private partial void LogRepeated(string importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Register extract {ImportId} was refused unread; its report says why")]
    private partial void LogRefused(string importId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported register extract {ImportId} ({Format}): {RowsRead} rows read, {RowsImported} imported for {Agreements} agreements, {RowsUnmatched} unmatched, {ErrorCount} errors")]
    private partial void LogImported(string importId, ExtractFormat format, int rowsRead, int rowsImported, int agreements, int rowsUnmatched, int errorCount);
}
