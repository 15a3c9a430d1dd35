using System.Security.Cryptography;

namespace Mobilitet.Workflows.Caseload;

/// <summary>Caseload import ids are opaque: "ci-" and 20 random hex digits (never derived from the file).</summary>
public static class CaseloadImportIds
{
    private const string Prefix = "ci-";
    private const int RandomBytes = 10;
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomBytes));

    public static bool IsWellFormed(string? id) =>
        id is { Length: 3 + (2 * RandomBytes) }
        && id.StartsWith(Prefix, StringComparison.Ordinal)
        && !id.AsSpan(Prefix.Length).ContainsAnyExcept(HexDigits);
}
