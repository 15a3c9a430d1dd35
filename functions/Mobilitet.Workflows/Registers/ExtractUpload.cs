namespace Mobilitet.Workflows.Registers;

/// <summary>
/// One uploaded extract, as the caller names it: an opaque id (not a file name a person typed: it is stored beside
/// every row) and the instant it was received. The instant decides which upload wins where two overlap
/// (<see cref="NewerUploadWins"/>).
/// </summary>
public sealed record ExtractUpload(string Id, DateTimeOffset UploadedAt);
