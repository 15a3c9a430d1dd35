using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Turns free text into a PartitionKey/RowKey part. Keys may not contain '/', '\', '#', '?' or
/// control characters; everything outside a small safe set is written as "~" and two hex digits per
/// UTF-8 byte, so the mapping is one-to-one and ids that are already safe stay readable.
/// </summary>
public static class TableKeys
{
    /// <summary>Longest key part <see cref="Escape"/> produces; longer text is cut and a hash is appended.</summary>
    public const int MaxLength = 200;

    private const char EscapeCharacter = '~';
    private const int HashedPrefixLength = 160;

    private static readonly SearchValues<char> SafeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var escaped = value.AsSpan().ContainsAnyExcept(SafeCharacters) ? EscapeUnsafe(value) : value;
        if (escaped.Length <= MaxLength)
        {
            return escaped;
        }

        // "~~" never occurs in escaped text (an escape is always followed by a hex digit), so a
        // shortened key cannot collide with a short one.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 8));
        return string.Concat(escaped.AsSpan(0, HashedPrefixLength), "~~", hash);
    }

    /// <summary>Checks that an id can be used as a key as it is (ids are generated, so anything else is a bug).</summary>
    public static string RequireSafe(string? id, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(id, parameterName);
        if (id.Length > MaxLength || id.AsSpan().ContainsAnyExcept(SafeCharacters))
        {
            throw new ArgumentException($"'{id}' is not a valid id (letters, digits, '-', '_', '.', ':' only; at most {MaxLength}).", parameterName);
        }

        return id;
    }

    private static string EscapeUnsafe(string value)
    {
        var builder = new StringBuilder(value.Length + 16);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && SafeCharacters.Contains((char)rune.Value))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var count = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..count])
            {
                builder.Append(EscapeCharacter).Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
