using Mobilitet.Workflows.Municipalities;

namespace Mobilitet.Workflows.RegisterImports;

/// <summary>
/// Where a register extract is dropped for import in the <c>register-extracts</c> container, and what its name says:
/// <c>incoming/{municipalityCode}/{file}.csv</c>. The folder is the one municipality (of the 98) whose agreements the
/// file's rows may be matched to; the file name is the dropper's own and is never stored or logged (it may name a
/// person). Everything else in the container (the kept copies under <c>imports/</c>) is outside <see cref="Folder"/>,
/// so the pickup never sees its own archive. A name that breaks the convention is not guessed at: the file gets a
/// refused report saying why (<see cref="Problem"/>).
/// </summary>
/// <param name="MunicipalityCode">The municipality the file is for; null when the name breaks the convention.</param>
/// <param name="Problem">Why the name breaks the convention (Danish, for the report; quotes nothing from the name).</param>
public sealed record DroppedExtractName(string? MunicipalityCode, string? Problem)
{
    /// <summary>The folder files are dropped in (the Event Grid subscription and the local pickup watch only this prefix).</summary>
    public const string Folder = "incoming/";

    /// <summary>The file name's ending (compared without regard to case).</summary>
    public const string Extension = ".csv";

    public const string WrongFolder =
        "Filen skal lægges i en mappe for én kommune: incoming/{kommunekode}/{filnavn}.csv, fx incoming/0751/udtraek.csv.";

    public const string UnknownMunicipality =
        "Mappen under incoming/ skal hedde som en af de 98 kommuners firecifrede kode, fx 0751 for Aarhus.";

    public const string NotCsv = "Filnavnet skal ende på .csv.";

    /// <summary>What the name <paramref name="blobName"/> (the whole blob name, container left out) says.</summary>
    public static DroppedExtractName Parse(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        if (!blobName.StartsWith(Folder, StringComparison.Ordinal))
        {
            return new(null, WrongFolder);
        }

        var parts = blobName[Folder.Length..].Split('/');
        if (parts.Length != 2 || parts[1].Length == 0)
        {
            return new(null, WrongFolder);
        }

        if (!MunicipalityRegistry.TryGet(parts[0], out var municipality))
        {
            return new(null, UnknownMunicipality);
        }

        return parts[1].EndsWith(Extension, StringComparison.OrdinalIgnoreCase) && parts[1].Length > Extension.Length
            ? new(municipality.Code, null)
            : new(null, NotCsv);
    }
}
