using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// The continuation tokens of the paged lists: the RowKey of the last row a page read, which in every
/// partition of a merged read means "after this" (the lists' RowKeys start with the due instant and are
/// unique). Opaque to callers (base64url), checked when given back: a token comes from a URL.
/// </summary>
internal static class ContinuationTokens
{
    private const string Version = "1|";
    private const int MaxRowKeyLength = 512;
    private static readonly SearchValues<char> RowKeyCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:~");

    public static string Encode(string rowKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + rowKey));

    /// <returns>The RowKey to read after, or null for the first page.</returns>
    /// <exception cref="ArgumentException">Not a token the lists give out.</exception>
    public static string? Decode(string? token, string parameterName)
    {
        if (token is null)
        {
            return null;
        }

        string text;
        try
        {
            text = token.Length <= 2 * MaxRowKeyLength ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)) : string.Empty;
        }
        catch (FormatException)
        {
            text = string.Empty;
        }

        var rowKey = text.StartsWith(Version, StringComparison.Ordinal) ? text[Version.Length..] : string.Empty;
        if (rowKey.Length is 0 or > MaxRowKeyLength || rowKey.AsSpan().ContainsAnyExcept(RowKeyCharacters)
            || rowKey.Length < 20 || rowKey[19] != '_' || rowKey.AsSpan(0, 19).ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException("The continuation token is not valid for this list.", parameterName);
        }

        return rowKey;
    }
}
