namespace Mobilitet.Workflows.RegisterImports;

/// <summary>
/// A file as read from the drop folder (<see cref="IExtractDropBox"/>): its blob name, the version read (removing it
/// later removes only this version, never a newer file dropped under the same name), and its bytes — or, for a file
/// over the size limit, only its length and hash.
/// </summary>
/// <param name="Content">The bytes; null when the file is larger than the limit it was read with.</param>
/// <param name="ContentHash">SHA-256 of the bytes (<see cref="Registers.ExtractContentHash"/>), also for a file too large to keep in memory.</param>
public sealed record DroppedExtract(string Name, string Version, ReadOnlyMemory<byte>? Content, string ContentHash, long Length);
