namespace Mobilitet.Workflows.RegisterImports;

/// <summary>
/// Where uploaded extracts are kept with their reports (Blob storage, container <c>register-extracts</c>), by import
/// id. The file is kept as <see cref="Registers.ExtractRedaction"/> leaves it — CPR numbers masked, lines and columns
/// in place — never as uploaded. Saving again overwrites.
/// </summary>
public interface IExtractArchive
{
    Task SaveExtractAsync(string importId, ReadOnlyMemory<byte> maskedContent, CancellationToken cancellationToken);

    Task SaveReportAsync(string importId, ExtractImportReport report, CancellationToken cancellationToken);

    Task<ExtractImportReport?> FindReportAsync(string importId, CancellationToken cancellationToken);
}
