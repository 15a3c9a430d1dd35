using System.Text.Json.Serialization;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.RegisterImports;

/// <summary>
/// What an import did, as the uploader gets it (and as it is kept beside the file): the data lines read, the lines
/// stored for at least one agreement, the lines whose person has no agreement in the uploader's municipalities, and
/// every line that could not be read (line 1 is the header). RowsRead = imported + unmatched + lines with errors.
/// </summary>
/// <param name="UploadId">The import's id: the rows it stored carry it, and the kept file and report are under it.</param>
public sealed record ExtractImportReport(
    string UploadId,
    ExtractFormat Format,
    int RowsRead,
    int RowsImported,
    int RowsUnmatched,
    IReadOnlyList<ExtractError> Errors)
{
    /// <summary>
    /// Nothing could be read: the file is empty or its header is neither format (or names bad week columns), or the
    /// file was refused unread (line 0: a dropped file's name or size, <see cref="ExtractImporter.RefuseAsync"/>).
    /// </summary>
    [JsonIgnore]
    public bool IsRefused => RowsRead == 0 && Errors.Any(error => error.Line <= 1);

    /// <summary>
    /// The agreements this import stored rows for, so their workflows can be told the data is there; not part of the
    /// answer or the kept report (a repeated import answers the kept report and stored nothing new: none).
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> Agreements { get; init; } = [];
}
