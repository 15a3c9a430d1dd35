namespace Mobilitet.Workflows.RegisterImports;

/// <summary>
/// The files dropped for import: blobs under <see cref="DroppedExtractName.Folder"/> in the <c>register-extracts</c>
/// container. A dropped file holds CPR numbers as delivered, so once imported it is removed; what is kept is the
/// importer's masked copy and its report (<see cref="IExtractArchive"/>).
/// </summary>
public interface IExtractDropBox
{
    /// <summary>The names (whole blob names, "incoming/…") of the files waiting, in no particular order.</summary>
    IAsyncEnumerable<string> ListAsync(CancellationToken cancellationToken);

    /// <summary>The file as it is now; null when it is gone. A file over <paramref name="maxBytes"/> is hashed, not kept in memory.</summary>
    Task<DroppedExtract?> ReadAsync(string name, int maxBytes, CancellationToken cancellationToken);

    /// <summary>Removes the file if it is still the version read; false when it is gone or was replaced meanwhile (then the new file waits for its own import).</summary>
    Task<bool> RemoveAsync(string name, string version, CancellationToken cancellationToken);
}
