using System.Security.Cryptography;

namespace Mobilitet.Workflows.Registers;

/// <summary>
/// The SHA-256 of an extract's bytes as 64 lowercase hex digits: the idempotency key of an import, so the same file
/// uploaded twice is seen to be the same. Bytes, not meaning: the same rows saved with a byte-order mark or other line
/// endings are another file (importing it again is harmless: <see cref="NewerUploadWins"/>).
/// </summary>
public static class ExtractContentHash
{
    public static string Compute(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Reads <paramref name="content"/> from its current position to the end.</summary>
    public static async Task<string> ComputeAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false));
    }
}
