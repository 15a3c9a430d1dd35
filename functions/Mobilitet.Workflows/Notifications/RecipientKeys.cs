using System.Security.Cryptography;
using System.Text;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Workflows.Notifications;

/// <summary>
/// Turns an email address into a key that may travel in a link or key a table row without naming the person:
/// HMAC-SHA256 of the trimmed, lower-cased address, keyed with a key derived from the person-key secret
/// (<see cref="PersonKeyOptions"/>) for this use only. Without the secret nobody can test a guessed address against it.
/// </summary>
public sealed class RecipientKeys
{
    private readonly byte[] key;

    public RecipientKeys(PersonKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ToPersonKeys(); // the same checks and messages for a missing or unusable secret
        key = HMACSHA256.HashData(Convert.FromBase64String(options.PersonKeySecret!), "mobilitet:email-recipient:v1"u8);
    }

    /// <summary>32 lowercase hex digits (128 bits: plenty to tell a handful of people apart, short in a link).</summary>
    public string KeyOf(string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>Never the key.</summary>
    public override string ToString() => nameof(RecipientKeys);
}
