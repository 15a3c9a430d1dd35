using System.Buffers;
using System.Security.Cryptography;

namespace Mobilitet.Workflows.Ids;

/// <summary>
/// An opaque id: a prefix ("fa-") and 20 random hex digits. Random, never derived from anything about a person, so it
/// may be an orchestration instance id, a table key or part of a URL.
/// </summary>
public sealed class OpaqueIdFormat(string prefix)
{
    private const int RandomBytes = 10;
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    public string New() => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomBytes));

    public bool IsWellFormed(string? id) =>
        id is not null
        && id.Length == prefix.Length + (2 * RandomBytes)
        && id.StartsWith(prefix, StringComparison.Ordinal)
        && !id.AsSpan(prefix.Length).ContainsAnyExcept(HexDigits);
}
