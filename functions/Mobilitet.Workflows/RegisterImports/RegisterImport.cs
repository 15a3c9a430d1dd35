using System.Security.Cryptography;
using System.Text;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.RegisterImports;

/// <summary>
/// The record of one import (<see cref="IRegisterImportLog"/>): the same bytes (<see cref="ContentHash"/>) imported for
/// the same municipalities are one import, whoever uploads them and however often, so a repeat answers the first
/// report and changes nothing. Uploaded for other municipalities, the same file is another import: it may match
/// agreements the first could not. <see cref="UploadedAt"/> is the first attempt's instant, so a retry after a crash
/// writes the very rows the first attempt did.
/// </summary>
/// <param name="UploadedBy">The uploader's opaque id (never a name).</param>
public sealed record RegisterImport(
    string ImportId,
    string ContentHash,
    IReadOnlyList<string> MunicipalityCodes,
    DateTimeOffset UploadedAt,
    string UploadedBy,
    RegisterImportStatus Status = RegisterImportStatus.Started,
    ExtractFormat Format = ExtractFormat.Unknown,
    int RowsRead = 0,
    int RowsImported = 0,
    int RowsUnmatched = 0,
    int ErrorCount = 0)
{
    /// <summary>32 hex digits of SHA-256 over the content hash and the sorted municipality codes.</summary>
    public static string IdFor(string contentHash, IEnumerable<string> municipalityCodes)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentHash);
        ArgumentNullException.ThrowIfNull(municipalityCodes);
        var scope = string.Join(',', municipalityCodes.Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contentHash + "\n" + scope)))[..32];
    }

    public RegisterImport CompletedWith(ExtractImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return this with
        {
            Status = RegisterImportStatus.Completed,
            Format = report.Format,
            RowsRead = report.RowsRead,
            RowsImported = report.RowsImported,
            RowsUnmatched = report.RowsUnmatched,
            ErrorCount = report.Errors.Count,
        };
    }
}
