using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mobilitet.Workflows.Escalations;

/// <summary>
/// Signs and checks the token in a supervisor's decision link: "level.signature", where the
/// signature is HMAC-SHA256 over the escalation id and the level. It proves the link came from an
/// escalation email to that level; it carries no personal data.
/// </summary>
public sealed class DecisionTokens
{
    private readonly byte[] key;

    public DecisionTokens(string base64Key)
    {
        key = string.IsNullOrWhiteSpace(base64Key) ? [] : Convert.FromBase64String(base64Key);
    }

    public bool CanSign => key.Length >= 32;

    public string Create(string escalationId, int level)
    {
        if (!CanSign)
        {
            throw new InvalidOperationException("Links:SigningKey must be a base64 key of at least 32 bytes.");
        }

        return level.ToString(CultureInfo.InvariantCulture) + "." + Base64Url(Sign(escalationId, level));
    }

    /// <summary>
    /// The level the token was issued for, or null if the token is not valid for this escalation.
    /// Only the exact spelling <see cref="Create"/> gives is valid: "01.sig" or a signature in
    /// standard base64 would otherwise be a second, equally valid link for the same decision.
    /// </summary>
    public int? Verify(string escalationId, string? token)
    {
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (!CanSign || dot <= 0
            || !int.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var level))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Create(escalationId, level));
        var actual = Encoding.UTF8.GetBytes(token!);
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? level : null;
    }

    private byte[] Sign(string escalationId, int level) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{escalationId}|{level.ToString(CultureInfo.InvariantCulture)}"));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
