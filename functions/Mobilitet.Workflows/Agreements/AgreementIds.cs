using System.Security.Cryptography;

namespace Mobilitet.Workflows.Agreements;

/// <summary>
/// Agreement ids are opaque: "fa-" and 20 random hex digits. They are also the orchestration
/// instance id, so they must never carry a CPR number or anything else that identifies a person.
/// </summary>
public static class AgreementIds
{
    private const string Prefix = "fa-";
    private const int RandomBytes = 10;
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomBytes));

    public static bool IsWellFormed(string? id) =>
        id is { Length: 3 + (2 * RandomBytes) }
        && id.StartsWith(Prefix, StringComparison.Ordinal)
        && !id.AsSpan(Prefix.Length).ContainsAnyExcept(HexDigits);
}
