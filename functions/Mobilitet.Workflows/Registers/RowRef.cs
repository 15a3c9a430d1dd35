namespace Mobilitet.Workflows.Registers;

/// <summary>Where a register row came from: its upload and its line in that file (the header is line 1).</summary>
public readonly record struct RowRef(string UploadId, int Line);
