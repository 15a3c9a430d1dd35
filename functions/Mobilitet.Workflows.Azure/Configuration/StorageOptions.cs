using System.Buffers;

namespace Mobilitet.Workflows.Azure.Configuration;

/// <summary>
/// Configuration section "Storage": where the adapters' tables and blobs live. Either
/// <see cref="ConnectionString"/> (Azurite, development) or <see cref="AccountName"/> with a managed
/// identity (Azure; shared keys off).
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The longest prefix that still leaves every table and container name within the 63-character limit.</summary>
    public const int MaxTablePrefixLength = 40;

    private static readonly SearchValues<char> PrefixCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    /// <summary>A storage connection string (Azurite or a development account). Wins over <see cref="AccountName"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The storage account name; the endpoints are https://{account}.table.core.windows.net and .blob.core.windows.net.</summary>
    public string? AccountName { get; set; }

    /// <summary>Client id of a user-assigned managed identity; without it <c>DefaultAzureCredential</c> is used.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// Put in front of every table name, and (lower-cased) of the container name, so several
    /// environments or test classes can share one account. Letters and digits only, starting with a letter.
    /// </summary>
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>The actual name of one of the <see cref="StorageNames"/> tables.</summary>
    public string TableName(string name) => TablePrefix + name;

    /// <summary>The actual name of a blob container (container names are lower case).</summary>
    public string ContainerName(string name) => string.Create(
        TablePrefix.Length + name.Length,
        (TablePrefix, name),
        static (span, parts) =>
        {
            // Container names allow only lower-case letters; the prefix is ASCII letters and digits.
            parts.TablePrefix.AsSpan().ToLowerInvariant(span);
            parts.name.AsSpan().CopyTo(span[parts.TablePrefix.Length..]);
        });

    /// <summary>What is wrong with these options, if anything.</summary>
    public IReadOnlyList<string> Validate()
    {
        List<string> errors = [];
        if (string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(AccountName))
        {
            errors.Add($"Set {Section}:ConnectionString (Azurite, development) or {Section}:AccountName (Azure, managed identity).");
        }

        if (!string.IsNullOrWhiteSpace(AccountName) && string.IsNullOrWhiteSpace(ConnectionString)
            && (AccountName.Length is < 3 or > 24 || AccountName.AsSpan().ContainsAnyExcept(PrefixCharacters)))
        {
            errors.Add($"{Section}:AccountName must be 3-24 letters and digits.");
        }

        if (TablePrefix.Length > 0
            && (TablePrefix.Length > MaxTablePrefixLength || !char.IsAsciiLetter(TablePrefix[0]) || TablePrefix.AsSpan().ContainsAnyExcept(PrefixCharacters)))
        {
            errors.Add($"{Section}:TablePrefix must start with a letter and contain only letters and digits (at most {MaxTablePrefixLength}).");
        }

        return errors;
    }
}
