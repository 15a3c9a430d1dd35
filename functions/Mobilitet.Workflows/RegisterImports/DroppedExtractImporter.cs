using System.Globalization;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.RegisterImports;

/// <summary>
/// Imports the files dropped in Blob storage (<see cref="IExtractDropBox"/>, named by <see cref="DroppedExtractName"/>)
/// through the one <see cref="ExtractImporter"/>, for whichever host notices them: the Functions app's Blob trigger
/// (Event Grid) hands over one name, the local host's pickup lists the folder on an interval.
/// <list type="bullet">
/// <item>The uploader is the system actor <see cref="ExtractUploader.DropFolderId"/>, for the one municipality the
/// folder names.</item>
/// <item>A file whose name breaks the convention or that is over <see cref="ExtractImporter.MaxBytes"/> is refused
/// unread with a report (<see cref="ExtractImporter.RefuseAsync"/>); an unreadable file gets the importer's report.
/// Never silently ignored.</item>
/// <item>Once its report is kept the file is removed (the masked copy under imports/ stays), so it is not picked up
/// again. Notified twice, or crashed before the removal, the same file is imported again as the same import — the
/// importer answers the kept report and changes nothing — and removed then. A file gone already is nothing to do.</item>
/// </list>
/// Nothing it logs names the file (its name is the dropper's and may name a person) or holds a CPR number.
/// </summary>
public sealed partial class DroppedExtractImporter(ExtractImporter importer, IExtractDropBox dropBox, ILogger<DroppedExtractImporter> logger)
{
    /// <summary>Imports the dropped file <paramref name="name"/> (the whole blob name) and removes it; null when it is gone already.</summary>
    public async Task<ExtractImportReport?> ImportAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (await dropBox.ReadAsync(name, ExtractImporter.MaxBytes, cancellationToken).ConfigureAwait(false) is not { } dropped)
        {
            LogGone();
            return null;
        }

        var target = DroppedExtractName.Parse(name);
        ExtractImportReport report;
        if (target.MunicipalityCode is not { } municipality)
        {
            report = await importer.RefuseAsync(dropped.ContentHash, Uploader(), new ExtractError(0, null, target.Problem!), cancellationToken).ConfigureAwait(false);
        }
        else if (dropped.Content is not { } content)
        {
            report = await importer.RefuseAsync(dropped.ContentHash, Uploader(municipality), new ExtractError(0, null, TooLarge), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            report = await importer.ImportAsync(content, Uploader(municipality), cancellationToken).ConfigureAwait(false);
        }

        var removed = await dropBox.RemoveAsync(name, dropped.Version, cancellationToken).ConfigureAwait(false);
        LogImported(report.UploadId, target.MunicipalityCode ?? "-", report.IsRefused, removed);
        return report;
    }

    /// <summary>
    /// Imports every file waiting (the local host's pickup). A file that fails is logged and left where it is, for the
    /// next call; the others go on. A failure to list the folder is thrown.
    /// </summary>
    /// <returns>How many files were imported (or refused with a report).</returns>
    public async Task<int> ImportWaitingAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var name in dropBox.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(name);
        }

        var imported = 0;
        foreach (var name in names)
        {
            try
            {
                imported += await ImportAsync(name, cancellationToken).ConfigureAwait(false) is null ? 0 : 1;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The exception's type only: storage errors can quote the request, and so the file's name.
                LogFailed(exception.GetType().Name);
            }
        }

        return imported;
    }

    /// <summary>The report's message for a file over <see cref="ExtractImporter.MaxBytes"/> (the API's 413 says the same).</summary>
    public static string TooLarge { get; } = string.Create(
        CultureInfo.InvariantCulture,
        $"Et registerudtræk må højst fylde {ExtractImporter.MaxBytes / (1024 * 1024)} MB. Del filen op, og indlæs delene hver for sig.");

    private static ExtractUploader Uploader(params string[] municipalities) =>
        new(ExtractUploader.DropFolderId, municipalities.ToHashSet(StringComparer.Ordinal));

    [LoggerMessage(Level = LogLevel.Information, Message = "A dropped register extract was gone when it was to be read: imported and removed already")]
    private partial void LogGone();

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped register extract imported as {ImportId} for municipality {MunicipalityCode} (refused: {Refused}); removed from the drop folder: {Removed}")]
    private partial void LogImported(string importId, string municipalityCode, bool refused, bool removed);

    [LoggerMessage(Level = LogLevel.Error, Message = "A dropped register extract could not be imported ({ExceptionType}); it stays in the drop folder and is tried again")]
    private partial void LogFailed(string exceptionType);
}
